using Parley.Core.Workspaces;

namespace Parley.Server.Workspaces;

/// <summary>A workspace key as listed: what tells it apart and when it was used, never the key or its hash.</summary>
public sealed record ApiKeySummary(string Id, string WorkspaceId, string? Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static ApiKeySummary From(ApiKey key) => new(key.Id, key.WorkspaceId, key.Name, key.Prefix, key.CreatedAt, key.LastUsedAt);
}
