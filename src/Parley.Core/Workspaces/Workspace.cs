namespace Parley.Core.Workspaces;

/// <summary>A tenant: owns bots, pays for answers with credits, may be on a free trial.</summary>
public sealed record Workspace(
    string Id,
    string Name,
    decimal Credits,
    DateTimeOffset? TrialEndsAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>The longest retention a workspace may set: ten years.</summary>
    public const int MaxRetentionDays = 3650;

    /// <summary>
    /// How many days a conversation is kept after its last message before it is deleted; null keeps conversations
    /// until someone deletes them.
    /// </summary>
    public int? RetentionDays { get; init; }

    public bool TrialExpired(DateTimeOffset now) => TrialEndsAt is { } end && end <= now;
}
