using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation.Extractive;

namespace Parley.Bench.Eval.Unanswerable;

/// <summary>
/// Whether an answer is Parley's honest "I don't know": the offline generator's not-found text, the grounding filter's
/// fallback, or any answer that cites nothing (a model may word its refusal freely, but it has nothing to cite).
/// </summary>
internal static class FallbackAnswer
{
    /// <summary>
    /// The not-found text up to its first comma: a later rewording of the rest of the sentence must not turn every
    /// honest answer into a confident one.
    /// </summary>
    public static readonly string NotFoundPrefix = ExtractiveAnswer.NotFound[..ExtractiveAnswer.NotFound.IndexOf(',', StringComparison.Ordinal)];

    /// <summary>A failed answer is neither: it is counted apart, as a failure.</summary>
    public static bool Is(ChatAnswer answer) =>
        answer.Error is null
        && (answer.Citations.Count == 0
            || answer.Text.TrimStart().StartsWith(NotFoundPrefix, StringComparison.Ordinal)
            || answer.Text.Trim() == GroundingFilter.Fallback);
}
