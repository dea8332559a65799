using Parley.Core.Knowledge;

namespace Parley.Server.Insights.Grouping;

/// <summary>
/// A question as the set of its content words, stemmed the way retrieval stems them ("refunds" and "refund" meet),
/// for grouping by words when the bot has no embedding model.
/// </summary>
public static class QuestionWords
{
    public static HashSet<string> Of(string question) =>
        QueryTerms.Words(question).Where(w => !QueryTerms.IsStopWord(w)).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Shared words over all words of the two (0 when either has none: a question of stop words alone is like nothing).</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
