namespace Parley.Server.Auth;

/// <summary>
/// The caller's key: <c>admin</c> (everything, every workspace) or <c>workspace</c> (one workspace, without its credits
/// and trial, and without creating workspaces); <c>workspace_id</c> is the workspace key's own, null for the admin.
/// </summary>
public sealed record MeResponse(string Role, string? WorkspaceId);
