using Dapper;

namespace Parley.Storage.Postgres;

/// <summary>
/// The lexical candidate query. Ranking every chunk that shares a word with a question costs a heap read per
/// such chunk (a third of a big bot's, for common words), so the candidates are asked for in the order a BM25
/// ranking would mostly put them, each step one GIN lookup: chunks holding all n of the question's terms, then
/// exactly n-1, and so on; within a level, those holding the rarest term first, then those whose rarest is the
/// next rarest. The steps are branches of one UNION ALL under a LIMIT, which PostgreSQL stops running once it
/// has enough rows, so the work is bounded by the candidates wanted, not by the size of the bot, except in the
/// last step it runs: that one is read whole, since within a step the chunks are taken by id, lowest first, so
/// the same question finds the same candidates however the rows lie on disk (the query runs without parallel
/// workers, so the branches run in order).
/// </summary>
internal static class TermCascade
{
    /// <summary>The query, its parameters, and columns <c>id</c>, <c>matched</c> (terms held) and <c>step</c> (order within the level).</summary>
    public static (string Sql, DynamicParameters Parameters) Build(string botId, IReadOnlyList<string> rarestFirst, int limit)
    {
        var n = rarestFirst.Count;
        var parameters = new DynamicParameters(new { botId, limit });
        var steps = new List<string>();
        for (var k = n; k >= 1; k--)
        {
            // A chunk holding exactly k terms whose rarest is term j: term j, exactly k - 1 of the terms after it,
            // and none of the rarer ones before it.
            for (var j = 0; j <= n - k; j++)
            {
                var rest = rarestFirst.Skip(j + 1).ToList();
                var clauses = new List<string> { Lexeme(rarestFirst[j]) };
                if (Exactly(k - 1, rest) is { } exactly)
                    clauses.Add(exactly);
                if (j > 0)
                    clauses.Add($"!({string.Join(" | ", rarestFirst.Take(j).Select(Lexeme))})");
                var name = $"q{steps.Count}";
                parameters.Add(name, string.Join(" & ", clauses));
                // Ordered by id, so the step the LIMIT cuts short gives the same chunks every time, not the first the scan met.
                steps.Add($"(SELECT id, {k} AS matched, {j} AS step FROM chunks WHERE bot_id = @botId AND terms @@ @{name}::tsquery ORDER BY id LIMIT @limit)");
            }
        }

        // Wrapped, since a lone step (a one-word question) with a LIMIT of its own cannot take another.
        return ($"SELECT * FROM ({string.Join("\nUNION ALL ", steps)}) AS steps\nLIMIT @limit", parameters);
    }

    /// <summary>A tsquery clause for "exactly <paramref name="m"/> of <paramref name="terms"/>" (m is at most their count), or null when it always holds.</summary>
    private static string? Exactly(int m, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
            return null;
        if (m == 0)
            return $"!({AtLeast(1, terms)})";
        return m == terms.Count ? $"({AtLeast(m, terms)})" : $"({AtLeast(m, terms)}) & !({AtLeast(m + 1, terms)})";
    }

    /// <summary>"At least <paramref name="m"/> of <paramref name="terms"/>" (1 &lt;= m &lt;= their count): any m of them together.</summary>
    private static string AtLeast(int m, IReadOnlyList<string> terms) =>
        string.Join(" | ", Combinations(terms, m).Select(c => $"({string.Join(" & ", c.Select(Lexeme))})"));

    // Stems are letters and digits only (the caller checks), so quoting needs no escapes.
    private static string Lexeme(string stem) => $"'{stem}'";

    private static IEnumerable<IEnumerable<string>> Combinations(IReadOnlyList<string> items, int k, int start = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = start; i <= items.Count - k; i++)
        {
            foreach (var rest in Combinations(items, k - 1, i + 1))
                yield return rest.Prepend(items[i]);
        }
    }
}
