namespace Parley.Server.Workspaces;

/// <summary>The body of a workspace create or update, for the OpenAPI document; the handlers validate it field by field.</summary>
public sealed record WorkspaceRequest(string? Name, decimal? Credits, DateTimeOffset? TrialEndsAt, int? RetentionDays);
