namespace Parley.Core.Bots;

/// <summary>The sites each bot refused, counted.</summary>
public interface IRefusedOriginStore
{
    /// <summary>
    /// Adds the counts to the stored ones (a later <see cref="RefusedOrigin.LastSeen"/> wins) and keeps, per bot, only
    /// the <paramref name="keepEach"/> sites refused most often and the <paramref name="keepEach"/> refused most
    /// recently. Counts for bots that no longer exist are dropped.
    /// </summary>
    Task AddAsync(IReadOnlyList<RefusedOrigin> counts, int keepEach, CancellationToken ct = default);

    /// <summary>The sites the bot refused, most often refused first.</summary>
    Task<IReadOnlyList<RefusedOrigin>> ListAsync(string botId, CancellationToken ct = default);
}
