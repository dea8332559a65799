namespace Parley.Bench.Eval;

/// <summary>
/// One question scored: where the first citation of a gold page came (1-based, <c>null</c> for none), and whether the
/// answer text holds all, or any, of the question's keywords (case-insensitive substrings).
/// </summary>
internal sealed record QuestionResult(EvalQuestion Question, ChatAnswer Answer, int? FirstHitRank, bool AllKeywords, bool AnyKeyword)
{
    /// <summary>Citations looked at: hit@10 and MRR@10.</summary>
    public const int Depth = 10;

    /// <summary>
    /// Where a gold page first came among the pages the bot's search ranked for the question (its search API, before
    /// any answer): the retrieval the answer drew on, which an answer citing only what it quotes no longer shows.
    /// </summary>
    public int? RetrievalHitRank { get; init; }

    public bool RetrievalMeasured { get; init; }

    public static QuestionResult Score(EvalQuestion question, ChatAnswer answer, IReadOnlyList<string?>? retrievedPages = null)
    {
        var keywords = question.AnswerKeywords;
        return new QuestionResult(
            question,
            answer,
            FirstHit(answer.Citations.Select(c => c.Page), question.GoldPages),
            keywords.All(k => answer.Text.Contains(k, StringComparison.OrdinalIgnoreCase)),
            keywords.Any(k => answer.Text.Contains(k, StringComparison.OrdinalIgnoreCase)))
        {
            RetrievalHitRank = retrievedPages is null ? null : FirstHit(retrievedPages, question.GoldPages),
            RetrievalMeasured = retrievedPages is not null,
        };
    }

    /// <summary>
    /// The rank of the first cited page that is a gold page, among the first <see cref="Depth"/> citations, counting
    /// every citation as Parley listed them (two sections of one page are two ranks).
    /// </summary>
    public static int? FirstHit(IEnumerable<string?> citedPages, IReadOnlyList<string> goldPages)
    {
        var rank = 0;
        foreach (var page in citedPages.Take(Depth))
        {
            rank++;
            if (page is not null && goldPages.Contains(page, StringComparer.Ordinal))
                return rank;
        }

        return null;
    }

    public bool HitAt(int k) => FirstHitRank <= k;

    public double ReciprocalRank => FirstHitRank is { } rank ? 1.0 / rank : 0;

    public bool RetrievalHitAt(int k) => RetrievalHitRank <= k;

    public double RetrievalReciprocalRank => RetrievalHitRank is { } rank ? 1.0 / rank : 0;
}
