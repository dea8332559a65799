namespace Parley.Core.Insights;

/// <summary>A group's questions of a range not answered well for one reason: how many, and the newest of them.</summary>
public sealed record UnansweredGroup(
    string GroupKey, bool Grouped, string Reason, int Count, string MessageId, string ConversationId, DateTimeOffset AskedAt);
