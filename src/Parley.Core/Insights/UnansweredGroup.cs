namespace Parley.Core.Insights;

/// <summary>
/// A group's questions of a range not answered well for one reason: how many, the newest of them, and the Q&amp;A
/// source the owner wrote as the answer to a question of the group since (null when none, or when a question of
/// the group went unanswered after it was written).
/// </summary>
public sealed record UnansweredGroup(
    string GroupKey, bool Grouped, string Reason, int Count, string MessageId, string ConversationId, DateTimeOffset AskedAt, string? AnswerSourceId);
