using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Redis;

/// <summary>
/// Section <c>Parley:Redis</c>. <see cref="Connection"/> (a StackExchange.Redis configuration string such
/// as <c>redis:6379</c>) makes rate limits and conversation turn locks shared by every replica, and pushes bot
/// changes to every replica's cache; without it they are kept in this process, which is right for a single server.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Parley:Redis";

    public string? Connection { get; set; }

    /// <summary>
    /// How long each replica keeps a bot and its workspace in memory. Changes are pushed to every replica as they
    /// happen, so this only bounds staleness if a change notice is lost.
    /// </summary>
    [Range(1, 3600)]
    public int BotCacheSeconds { get; set; } = 30;
}
