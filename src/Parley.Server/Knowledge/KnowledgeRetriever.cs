using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Knowledge.Index;

namespace Parley.Server.Knowledge;

/// <summary>
/// Finds the passages of a bot's knowledge that answer a question, by its words (BM25) and by its
/// meaning (embeddings), fused by reciprocal rank, one passage per page so citations name distinct
/// pages. A short follow-up ("and how long does that take?") borrows the previous question, so it
/// retrieves about the thing being discussed.
/// </summary>
public sealed class KnowledgeRetriever(
    KnowledgeIndexes indexes, ChunkEmbedder embedder, IOptions<RetrievalOptions> options, IKnowledgeSearch? search = null)
{
    // From the database, the lexical candidates are chunks holding the most of the question's stems, rarer
    // ones first; twice as many as are wanted are ranked again here, the same way the in-memory index ranks.
    // Ranking reads each candidate's text, so the pool is what a database search costs this server.
    private const int PoolFactor = 2;

    private const int Candidates = 50;

    private readonly ConcurrentDictionary<string, (long Version, string Model, bool Exists)> _vectors = new(StringComparer.Ordinal);

    // Alone, BM25's list is the answer: enough to fill MaxPassages with distinct pages.
    private const int LexicalCandidates = 24;
    private const double ContextWeight = 0.5;

    // Reciprocal rank fusion's usual constant: ranks deep in either list still count, a little.
    private const double FusionK = 60;

    /// <summary>The passages for a question, at most <paramref name="limit"/> (else <c>Parley:Retrieval:MaxPassages</c>), best first.</summary>
    public async Task<IReadOnlyList<Passage>> RetrieveAsync(
        Bot bot, string question, IReadOnlyList<Message> history, CancellationToken ct, int? limit = null)
    {
        var terms = WeightedTerms(question, history, out var followUp);
        var settings = options.Value;
        var inDatabase = search is not null && settings.InDatabase;
        var index = inDatabase ? null : await indexes.GetAsync(bot, ct);

        IReadOnlyList<(StoredChunk Chunk, double Similarity)> semantic = [];
        // In memory, the index's own model: the one its vectors were made with.
        var model = inDatabase ? embedder.ModelOf(bot) : index!.Model;
        if ((inDatabase ? model.Id is not null && await HasVectorsAsync(bot, model.Id, ct) : index!.Vectors is not null) &&
            await ChunkEmbedder.EmbedQuestionAsync(model, QueryText(question, history, followUp), ct) is { } query)
        {
            semantic = inDatabase
                ? await search!.NearestAsync(bot.Id, model.Id!, query, Candidates, ct)
                : index!.Vectors!.Search(query, Candidates);
        }

        // Alone, BM25 must find most of the question's words; beside embeddings, a few words still add evidence.
        var hybrid = semantic.Count > 0;
        var wanted = hybrid ? Candidates : LexicalCandidates;
        var words = terms.Count == 0 ? null : inDatabase
            ? LexicalIndex.Build(await search!.MatchTermsAsync(bot.Id, terms.Select(t => t.Stem).ToList(), PoolFactor * wanted, ct))
            : index!.Lexical;
        var lexical = words is null ? [] : hybrid
            ? words.Search(terms, wanted, minCoverage: 0.2)
            : words.Search(terms, wanted, settings.MinCoverage);

        if (!hybrid)
            return OnePerPage(lexical.Select(m => (m.Chunk, Relevance: LexicalRelevance(m))), limit ?? settings.MaxPassages);

        var fused = new Dictionary<long, Candidate>();
        for (var rank = 0; rank < lexical.Count; rank++)
        {
            var match = lexical[rank];
            Of(fused, match.Chunk, model.Scale).Add(rank, lexical: true, match.Coverage);
        }

        for (var rank = 0; rank < semantic.Count; rank++)
            Of(fused, semantic[rank].Chunk, model.Scale).Add(rank, lexical: false, similarity: semantic[rank].Similarity);

        return OnePerPage(
            fused.Values.Where(c => c.Relevance >= settings.MinRelevance).OrderByDescending(c => c.Fusion).Select(c => (c.Chunk, c.Relevance)),
            limit ?? settings.MaxPassages);
    }

    /// <summary>
    /// Whether any of the bot's chunks were embedded by <paramref name="model"/>; until one is, the question is not
    /// embedded (the in-memory path knows it from its index). The answer holds until the bot's knowledge version
    /// moves, which re-embedding moves too, so the database is asked once per version.
    /// </summary>
    private async ValueTask<bool> HasVectorsAsync(Bot bot, string model, CancellationToken ct)
    {
        if (_vectors.TryGetValue(bot.Id, out var known) && known.Version == bot.KnowledgeVersion && known.Model == model)
            return known.Exists;
        var exists = await search!.HasEmbeddingsAsync(bot.Id, model, ct);
        _vectors[bot.Id] = (bot.KnowledgeVersion, model, exists);
        return exists;
    }

    /// <summary>The best passage of each page, in the given order, numbered for citing.</summary>
    private static List<Passage> OnePerPage(IEnumerable<(StoredChunk Chunk, double Relevance)> ranked, int limit)
    {
        var pages = new HashSet<string>(StringComparer.Ordinal);
        var passages = new List<Passage>(limit);
        foreach (var (chunk, relevance) in ranked)
        {
            if (passages.Count == limit)
                break;
            if (pages.Add(PageOf(chunk)))
                passages.Add(ToPassage(passages.Count + 1, chunk, Math.Round(relevance, 3)));
        }

        return passages;
    }

    /// <summary>Without embeddings: coverage says how much of the question a passage speaks to, BM25 how strongly.</summary>
    private static double LexicalRelevance(LexicalMatch match) =>
        Math.Clamp((0.8 * match.Coverage) + (0.2 * (match.Bm25 / (match.Bm25 + 5.0))), 0, 1);

    private static Candidate Of(Dictionary<long, Candidate> fused, StoredChunk chunk, SimilarityScale scale)
    {
        if (!fused.TryGetValue(chunk.ChunkId, out var candidate))
            fused[chunk.ChunkId] = candidate = new Candidate(chunk, scale);
        return candidate;
    }

    /// <summary>A page is its URL without the section anchor; a source without a URL is one page.</summary>
    private static string PageOf(StoredChunk chunk) =>
        chunk.Url is { } url ? (url.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? url[..hash] : url) : chunk.SourceId;

    private static Passage ToPassage(int number, StoredChunk chunk, double score) =>
        new(number, chunk.SourceId, chunk.SourceType, chunk.PageTitle, chunk.Url, chunk.Heading, chunk.Text, score);

    private static string QueryText(string question, IReadOnlyList<Message> history, bool followUp) =>
        followUp && history.LastOrDefault(m => m.Role == MessageRole.User) is { } previous ? $"{previous.Content}\n{question}" : question;

    private static List<QueryTerm> WeightedTerms(string question, IReadOnlyList<Message> history, out bool followUp)
    {
        var own = QueryTerms.Extract(question);
        var terms = own.Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).DistinctBy(t => t.Stem).ToList();
        var previous = history.LastOrDefault(m => m.Role == MessageRole.User);
        followUp = previous is not null && IsFollowUp(question, own.Count);
        if (followUp)
        {
            foreach (var word in QueryTerms.Extract(previous!.Content))
            {
                var stem = QueryTerms.Stem(word);
                if (!terms.Exists(t => t.Stem == stem))
                    terms.Add(new QueryTerm(stem, ContextWeight));
            }
        }

        return terms;
    }

    private static readonly string[] Anaphora = ["it", "its", "that", "this", "those", "these", "they", "them", "there", "one"];

    /// <summary>A question too short or too vague ("it", "that") to stand alone; the answer step reads it the same way.</summary>
    internal static bool IsFollowUp(string question, int contentWords) =>
        contentWords < 3 || QueryTerms.Words(question).Any(w => Anaphora.Contains(w));

    /// <summary>One chunk's standing in either ranking, and what its relevance is made of.</summary>
    private sealed class Candidate(StoredChunk chunk, SimilarityScale scale)
    {
        public StoredChunk Chunk { get; } = chunk;

        public double Fusion { get; private set; }

        private double _coverage;
        private double _similarity;

        /// <summary>
        /// 0..1: how much of the question the passage speaks to (word coverage) and how close it is in
        /// meaning, on the model's own scale (MiniLM puts unrelated text near 0.1 and a passage that answers near 0.6).
        /// </summary>
        public double Relevance => (0.4 * _coverage) + (0.6 * scale.Relevance(_similarity));

        public void Add(int rank, bool lexical, double coverage = 0, double similarity = 0)
        {
            Fusion += 1 / (FusionK + rank + 1);
            if (lexical)
                _coverage = coverage;
            else
                _similarity = similarity;
        }
    }
}
