namespace Parley.Server.Workspaces;

/// <summary>A new workspace key. <see cref="Key"/> is returned this once; only its hash is stored.</summary>
public sealed record ApiKeyResponse(string Id, string WorkspaceId, string? Name, string Key, string Prefix, DateTimeOffset CreatedAt);
