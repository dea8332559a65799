using Dapper;

namespace Parley.Storage.Postgres;

/// <summary>
/// How common each term is across the stored chunks, as PostgreSQL's own statistics say (the most common elements
/// ANALYZE keeps for the <c>terms</c> column), so the lexical search can ask for chunks holding a question's rarer
/// terms first, as BM25's inverse document frequency would rank them. A term missing from the statistics is rarer
/// than any listed. Read again every few minutes: autovacuum's ANALYZE refreshes them about as often.
/// </summary>
internal sealed class TermFrequencies(PostgresDatabase db, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private volatile Snapshot? _snapshot;
    private Task<Snapshot>? _loading;

    /// <summary><paramref name="terms"/> from rarest to most common; equally rare ones keep their order.</summary>
    public async Task<List<string>> RarestFirstAsync(IReadOnlyList<string> terms, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.LoadedAt > Lifetime)
            snapshot = await ReloadAsync(ct);
        return terms.OrderBy(t => snapshot.Frequencies.TryGetValue(t, out var f) ? f : 0f).ToList();
    }

    private Task<Snapshot> ReloadAsync(CancellationToken ct)
    {
        // One reader at a time; the others wait for its result rather than asking PostgreSQL again.
        var loading = _loading;
        if (loading is null || loading.IsCompleted)
        {
            var started = LoadAsync();
            loading = Interlocked.CompareExchange(ref _loading, started, loading) == loading ? started : _loading!;
        }

        return loading.WaitAsync(ct);
    }

    private async Task<Snapshot> LoadAsync()
    {
        var row = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string[]? Terms, float[]? Frequencies)>(
            """
            SELECT most_common_elems::text::text[], most_common_elem_freqs
            FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'chunks' AND attname = 'terms'
            """));
        var frequencies = new Dictionary<string, float>(StringComparer.Ordinal);
        // The frequencies array ends with three summary numbers (min, max, nulls) after one per element.
        for (var i = 0; row.Terms is not null && row.Frequencies is not null && i < row.Terms.Length && i < row.Frequencies.Length; i++)
            frequencies[row.Terms[i]] = row.Frequencies[i];
        var snapshot = new Snapshot(frequencies, time.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(Dictionary<string, float> Frequencies, DateTimeOffset LoadedAt);
}
