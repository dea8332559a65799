namespace Parley.Core.Workspaces;

/// <summary>A workspace API key. Only the SHA-256 hash of the secret is ever stored.</summary>
public sealed record ApiKey(string Id, string WorkspaceId, string Prefix, string Hash, DateTimeOffset CreatedAt);
