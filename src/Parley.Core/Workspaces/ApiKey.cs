namespace Parley.Core.Workspaces;

/// <summary>
/// A workspace API key. Only the SHA-256 hash of the secret is ever stored; <see cref="Prefix"/> (the secret's
/// first characters) and <see cref="Name"/> tell keys apart. <see cref="LastUsedAt"/> is recorded at most about
/// once a minute per key and server, so it may trail the latest use by that much.
/// </summary>
public sealed record ApiKey(
    string Id,
    string WorkspaceId,
    string? Name,
    string Prefix,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null);
