using Parley.Core.Conversations;

namespace Parley.Core.Insights;

/// <summary>
/// A visitor's question as insights read it: when it was asked, how its answer went (<see cref="MessageOutcome"/>; null
/// when no answer was stored), what the answer cost, the visitor's vote on it, and the group it was put in (null until
/// grouped), and its text.
/// </summary>
public sealed record AskedQuestion(
    string MessageId,
    string ConversationId,
    DateTimeOffset AskedAt,
    string? Outcome,
    decimal Credits,
    FeedbackRating? Vote,
    string? GroupId,
    string? Text = null);
