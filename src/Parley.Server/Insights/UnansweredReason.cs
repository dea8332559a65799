using Parley.Core.Conversations;
using Parley.Core.Insights;

namespace Parley.Server.Insights;

/// <summary>
/// Why a question counts as not answered well: its answer's outcome (no knowledge, declined, filtered, failed) or,
/// for an answer given, the visitor's thumbs down. A question whose visitor left before the answer ended (or whose
/// answer was never stored) is neither answered nor unanswered: nobody read an answer to judge. The insights
/// stores count by the same rule in SQL (<see cref="IInsightsStore.SummarizeAsync"/>); this one is the CSV export's.
/// </summary>
public static class UnansweredReason
{
    public const string ThumbsDown = "thumbs_down";

    /// <summary>The reason, or null when the question was answered or its answer was never read.</summary>
    public static string? Of(AskedQuestion question) => question.Outcome switch
    {
        MessageOutcome.NoKnowledge or MessageOutcome.Declined or MessageOutcome.Filtered or MessageOutcome.Failed => question.Outcome,
        MessageOutcome.Answered or MessageOutcome.SavedAnswer when question.Vote == FeedbackRating.Down => ThumbsDown,
        _ => null,
    };

    /// <summary>Whether the question was answered (and not voted down).</summary>
    public static bool Answered(AskedQuestion question) =>
        question.Outcome is { } outcome && MessageOutcome.Answers(outcome) && question.Vote != FeedbackRating.Down;
}
