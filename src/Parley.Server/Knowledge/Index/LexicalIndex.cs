using System.Buffers;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Index;

/// <summary>
/// An immutable BM25 index of one bot's chunks, held in memory. Words are stemmed and stop words left
/// out; a word in the page title counts twice and in the heading one and a half times, since they say
/// what the whole chunk is about. A query only touches the postings of its own words, so it costs
/// microseconds even when its words occur in most chunks.
/// </summary>
public sealed class LexicalIndex
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const int MaxQueryTerms = 32;

    private readonly StoredChunk[] _chunks;
    private readonly float[] _lengths;
    private readonly float _averageLength;
    private readonly Dictionary<string, Posting[]> _postings;

    private LexicalIndex(StoredChunk[] chunks, float[] lengths, Dictionary<string, Posting[]> postings)
    {
        _chunks = chunks;
        _lengths = lengths;
        _averageLength = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        _postings = postings;
    }

    public int Count => _chunks.Length;

    /// <summary>Whether any chunk holds the stemmed word, in its text, heading or page title.</summary>
    public bool Holds(string stem) => _postings.ContainsKey(stem);

    public static LexicalIndex Build(IReadOnlyList<StoredChunk> chunks)
    {
        var building = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var lengths = new float[chunks.Count];
        var frequencies = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var doc = 0; doc < chunks.Count; doc++)
        {
            frequencies.Clear();
            var chunk = chunks[doc];
            lengths[doc] = AddWords(chunk.PageTitle, 2f, frequencies) + AddWords(chunk.Heading, 1.5f, frequencies) + AddWords(chunk.Text, 1f, frequencies);
            foreach (var (stem, frequency) in frequencies)
            {
                if (!building.TryGetValue(stem, out var list))
                    building[stem] = list = [];
                list.Add(new Posting(doc, frequency));
            }
        }

        var postings = building.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return new LexicalIndex([.. chunks], lengths, postings);
    }

    /// <summary>
    /// The <paramref name="limit"/> chunks that best answer the query: ranked by coverage, then BM25, then
    /// chunk id (lower first), among those holding at least <paramref name="minCoverage"/> of the query's weight.
    /// </summary>
    public IReadOnlyList<LexicalMatch> Search(IReadOnlyList<QueryTerm> terms, int limit, double minCoverage)
    {
        if (terms.Count == 0 || _chunks.Length == 0)
            return [];

        var scores = ArrayPool<float>.Shared.Rent(_chunks.Length);
        var found = ArrayPool<uint>.Shared.Rent(_chunks.Length);
        var touched = new Touched(ArrayPool<int>.Shared.Rent(_chunks.Length));
        // A pooled array is not zeroed: a new one is allocated uninitialised, and one returned by other code keeps its data.
        Array.Clear(scores, 0, _chunks.Length);
        Array.Clear(found, 0, _chunks.Length);
        try
        {
            var totalWeight = 0.0;
            for (var t = 0; t < Math.Min(terms.Count, MaxQueryTerms); t++)
            {
                totalWeight += terms[t].Weight;
                if (_postings.TryGetValue(terms[t].Stem, out var postings))
                    Accumulate(postings, (float)terms[t].Weight, 1u << t, scores, found, touched);
            }

            // Ties are broken by chunk id, lower first, so the order is a function of the knowledge alone.
            var best = new PriorityQueue<LexicalMatch, (double, double, long)>(limit);
            foreach (var doc in touched.Docs)
            {
                var coverage = WeightOf(found[doc], terms) / totalWeight;
                if (coverage < minCoverage)
                    continue;
                var rank = (coverage, (double)scores[doc], -_chunks[doc].ChunkId);
                if (best.Count < limit)
                    best.Enqueue(new LexicalMatch(_chunks[doc], coverage, scores[doc]), rank);
                else if (best.TryPeek(out _, out var worst) && rank.CompareTo(worst) > 0)
                    best.EnqueueDequeue(new LexicalMatch(_chunks[doc], coverage, scores[doc]), rank);
            }

            var results = new LexicalMatch[best.Count];
            for (var i = results.Length - 1; i >= 0; i--)
                results[i] = best.Dequeue();
            return results;
        }
        finally
        {
            foreach (var doc in touched.Docs)
            {
                scores[doc] = 0;
                found[doc] = 0;
            }

            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<uint>.Shared.Return(found);
            ArrayPool<int>.Shared.Return(touched.Buffer);
        }
    }

    private void Accumulate(Posting[] postings, float weight, uint bit, float[] scores, uint[] found, Touched touched)
    {
        // Lucene's IDF: never negative, so a word in most chunks still counts a little.
        var idf = (float)Math.Log(1 + ((_chunks.Length - postings.Length + 0.5) / (postings.Length + 0.5)));
        foreach (var (doc, frequency) in postings)
        {
            if (found[doc] == 0)
                touched.Add(doc);
            found[doc] |= bit;
            var norm = K1 * (1 - B + (B * _lengths[doc] / _averageLength));
            scores[doc] += weight * idf * frequency * (K1 + 1) / (frequency + norm);
        }
    }

    private static double WeightOf(uint found, IReadOnlyList<QueryTerm> terms)
    {
        var weight = 0.0;
        for (var t = 0; t < Math.Min(terms.Count, MaxQueryTerms); t++)
        {
            if ((found & (1u << t)) != 0)
                weight += terms[t].Weight;
        }

        return weight;
    }

    private static float AddWords(string? text, float weight, Dictionary<string, float> frequencies)
    {
        if (text is null)
            return 0;
        var length = 0f;
        var lookup = frequencies.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[QueryTerms.MaxIndexedWordLength];
        foreach (var word in QueryTerms.EnumerateWords(text, buffer))
        {
            length += weight;
            if (QueryTerms.IsStopWord(word))
                continue;
            // A new string only for a stem this chunk has not had yet.
            ReadOnlySpan<char> stem = QueryTerms.Stem(word);
            lookup[stem] = lookup.TryGetValue(stem, out var frequency) ? frequency + weight : weight;
        }

        return length;
    }

    private readonly record struct Posting(int Doc, float Frequency);

    /// <summary>The chunks a query has scored so far, in a pooled buffer, so a search allocates next to nothing.</summary>
    private sealed class Touched(int[] buffer)
    {
        private int _count;

        public int[] Buffer => buffer;

        public ReadOnlySpan<int> Docs => buffer.AsSpan(0, _count);

        public void Add(int doc) => buffer[_count++] = doc;
    }
}
