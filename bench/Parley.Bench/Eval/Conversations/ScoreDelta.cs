namespace Parley.Bench.Eval.Conversations;

/// <summary>
/// How much a group's cited-page and keyword scores moved from one way of asking to another (the later minus the
/// earlier), such as the dev questions asked in conversations against the same questions asked alone.
/// </summary>
internal sealed record ScoreDelta(string Group, double HitAt1, double HitAt5, double HitAt10, double Mrr10, double AllKeywords, double AnyKeyword)
{
    /// <summary>The target: asking in a conversation stays within this of asking alone.</summary>
    public const double Target = 0.02;

    /// <summary>The groups both lists have, in the order of <paramref name="after"/>.</summary>
    public static IReadOnlyList<ScoreDelta> Between(IReadOnlyList<GroupScore> before, IReadOnlyList<GroupScore> after) =>
        after.Select(a => (After: a, Before: before.FirstOrDefault(b => b.Group == a.Group)))
            .Where(pair => pair.Before is not null)
            .Select(pair => new ScoreDelta(
                pair.After.Group,
                pair.After.HitAt1 - pair.Before!.HitAt1,
                pair.After.HitAt5 - pair.Before.HitAt5,
                pair.After.HitAt10 - pair.Before.HitAt10,
                pair.After.Mrr10 - pair.Before.Mrr10,
                pair.After.AllKeywords - pair.Before.AllKeywords,
                pair.After.AnyKeyword - pair.Before.AnyKeyword))
            .ToList();

    /// <summary>
    /// Cited hit@1 and the all-keywords rate both within <see cref="Target"/>; a small tolerance keeps a difference of
    /// exactly 0.02, which floating point may hold as 0.0200000001, inside.
    /// </summary>
    public bool WithinTarget => Math.Abs(HitAt1) <= Target + 1e-9 && Math.Abs(AllKeywords) <= Target + 1e-9;
}
