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
/// pages. A follow-up ("and how long does that take?") borrows the previous question, so it retrieves
/// about the thing being discussed.
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

    // How much better the best passage must match with an earlier question's help for the question to be read as its follow-up.
    private const double FollowUpGain = 0.05;
    private const double FollowUpCloser = 0.02;

    // A question whose best passage is this far from unrelated towards answering (MiniLM: 0.5) finds its answer alone.
    // Measured with MiniLM: the dev set's follow-ups meet their best passage alone at 0.25–0.58 (median 0.43), its
    // questions at 0.40–0.74 (median 0.60), the git manual's at 0.38–0.81 (median 0.67).
    private const double StandsAlone = 0.8;

    // How far (in chunks, which are numbered in reading order) a chunk of the same section may be to be read with the best one.
    private const int SectionReach = 2;

    // Reciprocal rank fusion's usual constant: ranks deep in either list still count, a little.
    private const double FusionK = 60;

    /// <summary>The passages for a question, at most <paramref name="limit"/> (else <c>Parley:Retrieval:MaxPassages</c>), best first.</summary>
    public async Task<IReadOnlyList<Passage>> RetrieveAsync(
        Bot bot, string question, IReadOnlyList<Message> history, CancellationToken ct, int? limit = null) =>
        (await RetrieveTurnAsync(bot, question, history, ct, limit)).Passages;

    /// <summary>
    /// The passages for a question asked in a conversation. It is searched as asked; when the conversation has an
    /// earlier question, also with that question lending its words and meaning, and the earlier question is kept
    /// only if it finds a clearly better match: a question that stands alone ("Do you ship to Canada?" then
    /// "Any student discounts?") is answered as itself, one that needs the earlier turn ("and how long does
    /// that take?") finds little alone and much more with it.
    /// </summary>
    /// <param name="embedded">The question as an earlier step already embedded it, used when it is of this question by the model searched.</param>
    public async Task<TurnRetrieval> RetrieveTurnAsync(
        Bot bot, string question, IReadOnlyList<Message> history, CancellationToken ct, int? limit = null, EmbeddedQuestion? embedded = null)
    {
        var alone = await SearchAsync(bot, question, earlier: null, limit, ct, embedded);
        var unknown = await UnknownNamesAsync(bot, question, ct);
        if (history.LastOrDefault(m => m.Role == MessageRole.User) is not { } previous || QuestionNames.NamesItsSubject(question) || FindsItsAnswer(bot, alone))
            return new TurnRetrieval(alone, null, unknown);
        var together = await SearchAsync(bot, question, previous.Content, limit, ct);
        // By meaning where both were compared by it: a relevance saturates at 1 for any good match, while closeness
        // keeps rising for the passage the two questions together describe. By words alone, by relevance.
        var byMeaning = alone.Any(p => p.Similarity is not null) && together.Any(p => p.Similarity is not null);
        var gain = Best(together, byMeaning) - Best(alone, byMeaning);
        return gain >= (byMeaning ? FollowUpCloser : FollowUpGain) ? new TurnRetrieval(together, previous.Content, unknown) : new TurnRetrieval(alone, null, unknown);

        static double Best(IReadOnlyList<Passage> passages, bool byMeaning) =>
            passages.Count == 0 ? 0 : passages.Max(p => byMeaning ? p.Similarity ?? 0 : p.Score);
    }

    private async Task<IReadOnlyList<Passage>> SearchAsync(
        Bot bot, string question, string? earlier, int? limit, CancellationToken ct, EmbeddedQuestion? embedded = null)
    {
        var settings = options.Value;
        var inDatabase = search is not null && settings.InDatabase;
        var index = inDatabase ? null : await indexes.GetAsync(bot, ct);

        IReadOnlyList<(StoredChunk Chunk, double Similarity)> semantic = [];
        // In memory, the index's own model: the one its vectors were made with.
        var model = inDatabase ? embedder.ModelOf(bot) : index!.Model;
        if ((inDatabase ? model.Id is not null && await HasVectorsAsync(bot, model.Id, ct) : index!.Vectors is not null) &&
            ((earlier is null ? embedded?.For(question, model.Id) : null)
                ?? await ChunkEmbedder.EmbedQuestionAsync(model, earlier is null ? question : $"{earlier}\n{question}", ct)) is { } query)
        {
            semantic = inDatabase
                ? await search!.NearestAsync(bot.Id, model.Id!, query, Candidates, ct)
                : index!.Vectors!.Search(query, Candidates);
        }

        // Alone, BM25 must find most of the question's words; beside embeddings, a few words still add evidence.
        var hybrid = semantic.Count > 0;
        // By words alone, an earlier question's words must count in full for a follow-up to reach the coverage bar.
        var terms = WeightedTerms(question, earlier, hybrid ? ContextWeight : 1.0);
        var wanted = hybrid ? Candidates : LexicalCandidates;
        var words = terms.Count == 0 ? null : inDatabase
            ? LexicalIndex.Build(await search!.MatchTermsAsync(bot.Id, terms.Select(t => t.Stem).ToList(), PoolFactor * wanted, ct))
            : index!.Lexical;
        var lexical = words is null ? [] : hybrid
            ? words.Search(terms, wanted, minCoverage: 0.2)
            : words.Search(terms, wanted, settings.MinCoverage);

        if (!hybrid)
            return OnePerPage(lexical.Select(m => (m.Chunk, Relevance: LexicalRelevance(m), Similarity: (double?)null)), limit ?? settings.MaxPassages);

        var fused = new Dictionary<long, Candidate>();
        for (var rank = 0; rank < lexical.Count; rank++)
        {
            var match = lexical[rank];
            Of(fused, match.Chunk, model.Scale).Add(rank, lexical: true, match.Coverage);
        }

        for (var rank = 0; rank < semantic.Count; rank++)
            Of(fused, semantic[rank].Chunk, model.Scale).Add(rank, lexical: false, similarity: semantic[rank].Similarity);

        return OnePerPage(
            fused.Values.Where(c => c.Relevance >= settings.MinRelevance).OrderByDescending(c => c.Fusion).ThenByDescending(c => c.Relevance).ThenBy(c => c.Chunk.ChunkId).Select(c => (c.Chunk, c.Relevance, (double?)c.Similarity)),
            limit ?? settings.MaxPassages);
    }

    /// <summary>
    /// Whether the question alone already meets a passage nearly at the level of one that answers it, on the bot's
    /// model's scale: on a site about one subject an earlier question's words make every passage a little closer, which is
    /// no reason to read a question that stands on its own as a follow-up.
    /// </summary>
    private bool FindsItsAnswer(Bot bot, IReadOnlyList<Passage> alone) =>
        alone.Count > 0 && embedder.ModelOf(bot).Scale.Relevance(alone.Max(p => p.Similarity ?? 0)) >= StandsAlone;

    /// <summary>The names the question asks about that none of the bot's chunks holds (usually none are asked).</summary>
    private async Task<IReadOnlyList<string>> UnknownNamesAsync(Bot bot, string question, CancellationToken ct)
    {
        var names = QuestionNames.Of(question);
        if (names.Count == 0)
            return [];
        if (search is not null && options.Value.InDatabase)
        {
            var unknown = new List<string>();
            foreach (var name in names)
            {
                if ((await search.MatchTermsAsync(bot.Id, [name], 1, ct)).Count == 0)
                    unknown.Add(name);
            }

            return unknown;
        }

        var index = await indexes.GetAsync(bot, ct);
        return names.Where(name => !index.Lexical.Holds(name)).ToList();
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

    /// <summary>
    /// The best passage of each page, in the given order, numbered for citing. A section longer than one passage is
    /// several chunks: those of the best one's section that were found too are read with it, in reading order, so
    /// the answer sees the section's opening, or the code its sentence introduces, when a later chunk matched best.
    /// </summary>
    private static List<Passage> OnePerPage(IEnumerable<(StoredChunk Chunk, double Relevance, double? Similarity)> ranked, int limit)
    {
        var candidates = ranked.ToList();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        var passages = new List<Passage>(limit);
        foreach (var (chunk, relevance, similarity) in candidates)
        {
            if (passages.Count == limit)
                break;
            if (!pages.Add(PageOf(chunk)))
                continue;
            var section = candidates.Select(c => c.Chunk)
                .Where(c => c.SourceId == chunk.SourceId && c.Url == chunk.Url && c.Heading == chunk.Heading && Math.Abs(c.ChunkId - chunk.ChunkId) <= SectionReach)
                .DistinctBy(c => c.ChunkId).OrderBy(c => c.ChunkId).ToList();
            var passage = ToPassage(passages.Count + 1, chunk, Math.Round(relevance, 3)) with { Similarity = similarity };
            passages.Add(section.Count > 1 ? passage with { Text = SectionText(section), Matched = chunk.Text } : passage);
        }

        return passages;
    }

    /// <summary>Chunks of one section joined; the paragraph a chunk repeats from the one before it is read once.</summary>
    private static string SectionText(List<StoredChunk> section)
    {
        var paragraphs = new List<string>();
        foreach (var chunk in section)
        {
            foreach (var paragraph in chunk.Text.Split("\n\n"))
            {
                if (paragraphs.Count == 0 || !paragraphs.TakeLast(3).Contains(paragraph, StringComparer.Ordinal))
                    paragraphs.Add(paragraph);
            }
        }

        return string.Join("\n\n", paragraphs);
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

    /// <summary>The question's own words, and those an earlier question lends it at less weight.</summary>
    private static List<QueryTerm> WeightedTerms(string question, string? earlier, double lent)
    {
        var terms = QueryTerms.Extract(question).Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).DistinctBy(t => t.Stem).ToList();
        foreach (var word in earlier is null ? [] : QueryTerms.Extract(earlier))
        {
            var stem = QueryTerms.Stem(word);
            if (!terms.Exists(t => t.Stem == stem))
                terms.Add(new QueryTerm(stem, lent));
        }

        return terms;
    }

    /// <summary>One chunk's standing in either ranking, and what its relevance is made of.</summary>
    private sealed class Candidate(StoredChunk chunk, SimilarityScale scale)
    {
        public StoredChunk Chunk { get; } = chunk;

        public double Fusion { get; private set; }

        private double _coverage;

        /// <summary>Cosine of the question to the chunk, on the embedding model's own scale.</summary>
        public double Similarity { get; private set; }

        /// <summary>
        /// 0..1: how much of the question the passage speaks to (word coverage) and how close it is in
        /// meaning, on the model's own scale (MiniLM puts unrelated text near 0.1 and a passage that answers near 0.6).
        /// </summary>
        public double Relevance => (0.4 * _coverage) + (0.6 * scale.Relevance(Similarity));

        public void Add(int rank, bool lexical, double coverage = 0, double similarity = 0)
        {
            Fusion += 1 / (FusionK + rank + 1);
            if (lexical)
                _coverage = coverage;
            else
                Similarity = similarity;
        }
    }
}
