namespace Parley.Bench.Eval;

/// <summary>What a visitor got for one question: the final answer text, the citations, or why there was no answer.</summary>
internal sealed record ChatAnswer(string Text, IReadOnlyList<Citation> Citations, TimeSpan Elapsed, string? Error = null)
{
    /// <summary>The <c>done</c> event's <c>conversation_id</c>, which continues the conversation; a failed answer has none.</summary>
    public string? ConversationId { get; init; }

    public static ChatAnswer Failed(string error, string partialText, TimeSpan elapsed) => new(partialText, [], elapsed, error);
}
