namespace Parley.Core.Workspaces;

public interface IWorkspaceStore
{
    Task CreateAsync(Workspace workspace, CancellationToken ct = default);

    Task<Workspace?> GetAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default);

    Task UpdateAsync(Workspace workspace, CancellationToken ct = default);

    /// <summary>
    /// Atomically takes the reservation's amount if the workspace has that many credits left, and records the
    /// reservation. Concurrent callers can never take the balance below zero.
    /// </summary>
    Task<bool> TryReserveCreditsAsync(CreditReservation reservation, CancellationToken ct = default);

    /// <summary>Moves a reservation's lease on while its turn runs; false if it is no longer held (it was swept).</summary>
    Task<bool> RenewCreditReservationAsync(string reservationId, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>
    /// Ends a reservation: keeps <paramref name="charged"/> credits of it and gives the rest back, in one step
    /// with forgetting the reservation. Does nothing if the reservation was already refunded as expired.
    /// </summary>
    Task SettleCreditsAsync(string reservationId, decimal charged, CancellationToken ct = default);

    /// <summary>
    /// Gives back in full the reservations whose lease ran out before <paramref name="now"/> (their turn's server died),
    /// each exactly once however many servers sweep at the same time. Returns how many were refunded.
    /// </summary>
    Task<int> RefundExpiredCreditsAsync(DateTimeOffset now, CancellationToken ct = default);

    Task CreateApiKeyAsync(ApiKey key, CancellationToken ct = default);

    Task<ApiKey?> FindApiKeyByHashAsync(string hash, CancellationToken ct = default);

    /// <summary>The workspace's keys, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>Deletes the key if it belongs to the workspace; false if there is no such key there.</summary>
    Task<bool> DeleteApiKeyAsync(string workspaceId, string keyId, CancellationToken ct = default);

    /// <summary>Records that the key was used at <paramref name="at"/>; a later time only, so racing servers never move it back.</summary>
    Task RecordApiKeyUseAsync(string keyId, DateTimeOffset at, CancellationToken ct = default);
}
