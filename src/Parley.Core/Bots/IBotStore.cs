namespace Parley.Core.Bots;

public interface IBotStore
{
    Task CreateAsync(Bot bot, CancellationToken ct = default);

    Task<Bot?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Bots of one workspace, or of all workspaces when <paramref name="workspaceId"/> is null.</summary>
    Task<IReadOnlyList<Bot>> ListAsync(string? workspaceId, CancellationToken ct = default);

    Task UpdateAsync(Bot bot, CancellationToken ct = default);

    /// <summary>Deletes the bot with its knowledge and conversations.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken ct = default);
}
