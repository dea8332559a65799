namespace Parley.Core.Workspaces;

/// <summary>A tenant: owns bots, pays for answers with credits, may be on a free trial.</summary>
public sealed record Workspace(
    string Id,
    string Name,
    decimal Credits,
    DateTimeOffset? TrialEndsAt,
    DateTimeOffset CreatedAt)
{
    public bool TrialExpired(DateTimeOffset now) => TrialEndsAt is { } end && end <= now;
}
