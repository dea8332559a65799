namespace Parley.Server.Workspaces;

/// <summary>The optional body of a key's creation, for the OpenAPI document; the handler validates it field by field.</summary>
public sealed record ApiKeyRequest(string? Name);
