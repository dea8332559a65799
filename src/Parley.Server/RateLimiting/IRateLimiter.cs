namespace Parley.Server.RateLimiting;

/// <summary>
/// Sliding-window counting shared by everything that serves a bot: in-process on one machine, Redis
/// across replicas.
/// </summary>
public interface IRateLimiter
{
    /// <summary>
    /// Counts one hit against every key if each has had fewer than <paramref name="limit"/> hits in the
    /// last <paramref name="window"/>; otherwise counts none and says when the first slot frees up.
    /// The check and the count are one atomic step, so concurrent requests can never exceed the limit.
    /// </summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, CancellationToken ct = default);
}
