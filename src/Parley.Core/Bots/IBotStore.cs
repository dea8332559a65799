using Parley.Core.Workspaces;

namespace Parley.Core.Bots;

public interface IBotStore
{
    Task CreateAsync(Bot bot, CancellationToken ct = default);

    /// <summary>
    /// Creates <paramref name="workspace"/> with <paramref name="bot"/> in it, in one step, only if the deployment
    /// has no workspace yet. Of callers racing on an empty database, on any number of replicas, exactly one
    /// creates them and gets true; the others get false and find them created.
    /// </summary>
    Task<bool> CreateFirstAsync(Workspace workspace, Bot bot, CancellationToken ct = default);

    Task<Bot?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Bots of one workspace, or of all workspaces when <paramref name="workspaceId"/> is null.</summary>
    Task<IReadOnlyList<Bot>> ListAsync(string? workspaceId, CancellationToken ct = default);

    Task UpdateAsync(Bot bot, CancellationToken ct = default);

    /// <summary>Deletes the bot with its knowledge and conversations.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken ct = default);
}
