using Parley.Core.Workspaces;

namespace Parley.Server.Workspaces;

public sealed record WorkspaceResponse(string Id, string Name, decimal Credits, DateTimeOffset? TrialEndsAt, int? RetentionDays, DateTimeOffset CreatedAt)
{
    public static WorkspaceResponse From(Workspace w) => new(w.Id, w.Name, w.Credits, w.TrialEndsAt, w.RetentionDays, w.CreatedAt);
}
