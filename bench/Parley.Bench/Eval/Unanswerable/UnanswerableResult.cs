namespace Parley.Bench.Eval.Unanswerable;

/// <summary>One question the knowledge does not answer, and what the visitor got for it.</summary>
internal sealed record UnanswerableResult(EvalQuestion Question, ChatAnswer Answer)
{
    public bool IsFallback => FallbackAnswer.Is(Answer);

    public bool Failed => Answer.Error is not null;

    /// <summary>A confident answer: it quoted and cited something for a question nothing answers.</summary>
    public bool Confident => !Failed && !IsFallback;
}
