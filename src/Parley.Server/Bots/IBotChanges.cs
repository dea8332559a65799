namespace Parley.Server.Bots;

/// <summary>
/// How a change to a bot, its workspace or its knowledge reaches every server's <see cref="BotCache"/>: pushed
/// through Redis to all replicas, or, on a single server, nowhere beyond the cache that made it.
/// </summary>
public interface IBotChanges
{
    /// <summary>How long a cached bot may be served: long when changes are pushed, short when they are not.</summary>
    TimeSpan CacheLifetime { get; }

    /// <summary>Tells every server that the bot changed, or every bot (<paramref name="botId"/> null); returns once sent.</summary>
    Task PublishAsync(string? botId);

    /// <summary>Calls <paramref name="changed"/> with each bot id published, or null when every bot must be forgotten.</summary>
    void Subscribe(Action<string?> changed);
}
