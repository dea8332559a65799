namespace Parley.Server.Redis;

/// <summary>
/// Section <c>Parley:Redis</c>. <see cref="Connection"/> (a StackExchange.Redis configuration string such
/// as <c>redis:6379</c>) makes rate limits and conversation turn locks shared by every replica; without it
/// they are kept in this process, which is right for a single server.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Parley:Redis";

    public string? Connection { get; set; }
}
