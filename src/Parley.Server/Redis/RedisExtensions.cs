using Parley.Server.Bots;
using Parley.Server.Chat.Locking;
using Parley.Server.RateLimiting;
using StackExchange.Redis;

namespace Parley.Server.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// What replicas must share beyond the database: rate-limit counters, conversation turn locks and bot changes, in Redis
    /// when <c>Parley:Redis:Connection</c> is set, otherwise their in-process equivalents.
    /// </summary>
    public static IServiceCollection AddParleyCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.Connection;
        if (string.IsNullOrWhiteSpace(connection))
        {
            services.AddSingleton<IRateLimiter, InProcessRateLimiter>();
            services.AddSingleton<IConversationLocks, InProcessConversationLocks>();
            services.AddSingleton<IBotChanges, InProcessBotChanges>();
            return services;
        }

        // One multiplexer per process, as StackExchange.Redis intends; it reconnects by itself after a failover.
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connection);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IConversationLocks, RedisConversationLocks>();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IBotChanges, RedisBotChanges>();
        return services;
    }
}
