using Parley.Core.Conversations;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation.Extractive;

namespace Parley.Server.Chat;

/// <summary>
/// The outcome stored with an answer (<see cref="MessageOutcome"/>), from what the turn knows when it ends. "No
/// knowledge" is decided by facts, not by reading a model's prose: the offline generator's "I couldn't find" reply,
/// the grounding filter's fallback, or any answer to a question for which retrieval found no passage above its bar
/// (a model then answers from nothing, and is told to say it does not know). A model that says "I don't know" in its
/// own words about passages it was given counts as answered; a visitor's thumbs down is how insights learn of those.
/// </summary>
internal static class AnswerOutcome
{
    public static string Of(TurnOutcome turn, bool declined, bool foundKnowledge, string shown) => turn switch
    {
        TurnOutcome.Blocked => MessageOutcome.Filtered,
        TurnOutcome.Failed => MessageOutcome.Failed,
        TurnOutcome.Interrupted => MessageOutcome.Interrupted,
        _ when declined => MessageOutcome.Declined,
        _ when !foundKnowledge || IsFallback(shown) => MessageOutcome.NoKnowledge,
        _ => MessageOutcome.Answered,
    };

    private static bool IsFallback(string answer) =>
        answer.StartsWith(ExtractiveAnswer.NotFound, StringComparison.Ordinal) || answer.Trim() == GroundingFilter.Fallback;
}
