using Microsoft.Extensions.Options;
using Parley.Server.Redis;
using StackExchange.Redis;

namespace Parley.Server.Bots;

/// <summary>
/// Bot changes on a Redis pub/sub channel every replica listens to, so a change made through one replica is
/// dropped from every replica's cache at once, and cached bots can be kept long. While the connection is down
/// messages may be missed, so the caches are emptied when it fails and again when it comes back, and entries
/// are kept only briefly in between.
/// </summary>
public sealed class RedisBotChanges(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisBotChanges> log) : IBotChanges
{
    private const string Everything = "*";
    private static readonly RedisChannel Channel = RedisChannel.Literal("parley:bot-changed");
    private static readonly TimeSpan Disconnected = TimeSpan.FromSeconds(1);

    public TimeSpan CacheLifetime => redis.IsConnected ? TimeSpan.FromSeconds(options.Value.BotCacheSeconds) : Disconnected;

    public async Task PublishAsync(string? botId)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, botId ?? Everything);
        }
        catch (RedisException e)
        {
            // The other replicas see the change when their entries expire, as they would without Redis.
            log.LogWarning(e, "Publishing a change of bot {BotId} failed.", botId ?? Everything);
        }
    }

    public void Subscribe(Action<string?> changed)
    {
        redis.ConnectionFailed += (_, _) => changed(null);
        redis.ConnectionRestored += (_, _) => changed(null);
        try
        {
            // Registered even if Redis is down now; the multiplexer subscribes again whenever it reconnects.
            redis.GetSubscriber().Subscribe(Channel, (_, message) => changed(message == Everything ? null : message.ToString()));
        }
        catch (RedisException e)
        {
            log.LogWarning(e, "Subscribing to bot changes failed; cached bots are kept for {Seconds} s until Redis is back.", Disconnected.TotalSeconds);
        }
    }
}
