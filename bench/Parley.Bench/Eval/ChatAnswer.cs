namespace Parley.Bench.Eval;

/// <summary>What a visitor got for one question: the final answer text, the citations, or why there was no answer.</summary>
internal sealed record ChatAnswer(string Text, IReadOnlyList<Citation> Citations, TimeSpan Elapsed, string? Error = null)
{
    public static ChatAnswer Failed(string error, string partialText, TimeSpan elapsed) => new(partialText, [], elapsed, error);
}
