using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Parley.Core.Knowledge;

namespace Parley.Storage.Postgres;

/// <summary>
/// The <c>terms</c> column of a chunk: the distinct stems Parley's analyzer finds in its title, heading and text,
/// as a tsvector of exact lexemes (no positions: ranking happens in Parley, not in PostgreSQL).
/// </summary>
internal static class SearchTerms
{
    // PostgreSQL refuses lexemes over 2 KB; a "word" that long is a hash or an encoded blob nobody asks about.
    private const int MaxTermLength = 100;

    public static NpgsqlTsVector Of(string pageTitle, string? heading, string text)
    {
        var literal = new StringBuilder();
        foreach (var stem in QueryTerms.IndexTerms(pageTitle, heading, text))
        {
            // Stems are letters and digits only, so quoting needs no escapes.
            if (stem.Length <= MaxTermLength)
                literal.Append('\'').Append(stem).Append("' ");
        }

        // Parsing tsvector text on the client is marked obsolete because it cannot follow PostgreSQL's parser for
        // any input; this input is quoted lexemes of letters and digits only, which both read the same way. The
        // alternative, array_to_tsvector in SQL, cannot be used inside the binary COPY that inserts chunks.
#pragma warning disable CS0618
        return NpgsqlTsVector.Parse(literal.ToString());
#pragma warning restore CS0618
    }

    /// <summary>A tsquery matching chunks that hold every one of <paramref name="stems"/>.</summary>
    public static string All(IEnumerable<string> stems) => string.Join(" & ", stems.Select(s => $"'{s}'"));

    /// <summary>Gives the chunks stored without terms (before migration 0004, or imported from SQLite) theirs.</summary>
    public static async Task FillMissingAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        while (true)
        {
            var rows = (await c.QueryAsync<(long Id, string PageTitle, string? Heading, string Text)>(
                new CommandDefinition(
                    "SELECT id, page_title, heading, text FROM chunks WHERE terms IS NULL ORDER BY id LIMIT 1000",
                    transaction: tx, cancellationToken: ct))).ToList();
            if (rows.Count == 0)
                return;

            await using var batch = new NpgsqlBatch(c, tx);
            foreach (var row in rows)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE chunks SET terms = $1 WHERE id = $2")
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = Of(row.PageTitle, row.Heading, row.Text), NpgsqlDbType = NpgsqlDbType.TsVector },
                        new NpgsqlParameter { Value = row.Id },
                    },
                });
            }

            await batch.ExecuteNonQueryAsync(ct);
        }
    }
}
