namespace Parley.Core.Workspaces;

public interface IWorkspaceStore
{
    Task CreateAsync(Workspace workspace, CancellationToken ct = default);

    Task<Workspace?> GetAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default);

    Task UpdateAsync(Workspace workspace, CancellationToken ct = default);

    /// <summary>
    /// Atomically takes <paramref name="amount"/> credits if the workspace has that many left.
    /// Concurrent callers can never take the balance below zero.
    /// </summary>
    Task<bool> TryReserveCreditsAsync(string workspaceId, decimal amount, CancellationToken ct = default);

    /// <summary>Gives back credits reserved for an answer that was not delivered.</summary>
    Task RefundCreditsAsync(string workspaceId, decimal amount, CancellationToken ct = default);

    Task CreateApiKeyAsync(ApiKey key, CancellationToken ct = default);

    Task<ApiKey?> FindApiKeyByHashAsync(string hash, CancellationToken ct = default);
}
