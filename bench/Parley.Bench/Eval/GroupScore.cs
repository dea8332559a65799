namespace Parley.Bench.Eval;

/// <summary>One row of the result table: the scores of a group of questions, each the mean over its questions.</summary>
internal sealed record GroupScore(string Group, int Count, double HitAt1, double HitAt5, double HitAt10, double Mrr10, double AllKeywords, double AnyKeyword)
{
    /// <summary>The same scores for the pages the bot's search ranked, before the answer chose what to cite.</summary>
    public (double HitAt1, double HitAt5, double HitAt10, double Mrr10)? Retrieval { get; init; }

    /// <summary>All questions first, then one row per <c>kind</c> in alphabetical order.</summary>
    public static IReadOnlyList<GroupScore> Of(IReadOnlyList<QuestionResult> results) =>
    [
        Of("overall", results),
        .. results.GroupBy(r => r.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(g.Key, g.ToList())),
    ];

    private static GroupScore Of(string group, IReadOnlyList<QuestionResult> results) =>
        results.Count == 0
            ? new GroupScore(group, 0, 0, 0, 0, 0, 0, 0)
            : new GroupScore(
                group,
                results.Count,
                results.Average(r => r.HitAt(1) ? 1.0 : 0),
                results.Average(r => r.HitAt(5) ? 1.0 : 0),
                results.Average(r => r.HitAt(10) ? 1.0 : 0),
                results.Average(r => r.ReciprocalRank),
                results.Average(r => r.AllKeywords ? 1.0 : 0),
                results.Average(r => r.AnyKeyword ? 1.0 : 0))
            {
                Retrieval = results.All(r => r.RetrievalMeasured)
                    ? (results.Average(r => r.RetrievalHitAt(1) ? 1.0 : 0), results.Average(r => r.RetrievalHitAt(5) ? 1.0 : 0),
                       results.Average(r => r.RetrievalHitAt(10) ? 1.0 : 0), results.Average(r => r.RetrievalReciprocalRank))
                    : null,
            };
}
