namespace Parley.Bench.Eval.Diff;

/// <summary>
/// One question whose outcome differs between two runs: its cited hit@1, its retrieval rank, its keyword hit or its
/// fallback changed, or it is in only one of them (<see cref="Before"/> or <see cref="After"/> is <c>null</c>).
/// </summary>
internal sealed record QuestionChange(string Id, QuestionOutcome? Before, QuestionOutcome? After)
{
    public QuestionOutcome Either => After ?? Before!;

    public bool CitedHitChanged => Before?.CitedHitAt1 != After?.CitedHitAt1;

    public bool RetrievalRankChanged => Before?.RetrievalHitRank != After?.RetrievalHitRank;

    public bool KeywordsChanged => Before?.AllKeywords != After?.AllKeywords;

    public bool FallbackChanged => Before?.Fallback != After?.Fallback;

    /// <summary>+1 better, -1 worse, 0 mixed or no way to tell (a question in one run only).</summary>
    public int Direction
    {
        get
        {
            if (Before is null || After is null)
                return 0;
            var better = Count(After.CitedHitAt1 && !Before.CitedHitAt1) + Count(After.AllKeywords && !Before.AllKeywords)
                + Count(Rank(After.RetrievalHitRank) < Rank(Before.RetrievalHitRank)) + Count(After.Fallback == true && Before.Fallback == false);
            var worse = Count(Before.CitedHitAt1 && !After.CitedHitAt1) + Count(Before.AllKeywords && !After.AllKeywords)
                + Count(Rank(Before.RetrievalHitRank) < Rank(After.RetrievalHitRank)) + Count(Before.Fallback == true && After.Fallback == false);
            return Math.Sign(better - worse);
        }
    }

    /// <summary>The questions of <paramref name="after"/> that changed, in its order, then those only <paramref name="before"/> has.</summary>
    public static IReadOnlyList<QuestionChange> Between(IReadOnlyList<QuestionOutcome> before, IReadOnlyList<QuestionOutcome> after)
    {
        var earlier = before.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var later = after.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return after.Select(q => new QuestionChange(q.Id, earlier.GetValueOrDefault(q.Id), q))
            .Concat(before.Where(q => !later.Contains(q.Id)).Select(q => new QuestionChange(q.Id, q, null)))
            .Where(c => c.Before is null || c.After is null || c.CitedHitChanged || c.RetrievalRankChanged || c.KeywordsChanged || c.FallbackChanged)
            .ToList();
    }

    private static int Count(bool value) => value ? 1 : 0;

    // No gold page in the top ten ranks below every rank.
    private static int Rank(int? rank) => rank ?? int.MaxValue;
}
