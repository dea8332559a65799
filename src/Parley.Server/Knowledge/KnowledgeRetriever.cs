using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Index;

namespace Parley.Server.Knowledge;

/// <summary>
/// Finds the passages of a bot's knowledge that answer a question. A short follow-up ("and how long
/// does that take?") borrows the words of the previous question, at half weight, so it retrieves about
/// the thing being discussed.
/// </summary>
public sealed class KnowledgeRetriever(KnowledgeIndexes indexes, IOptions<RetrievalOptions> options)
{
    private const int Candidates = 24;
    private const double ContextWeight = 0.5;

    public async Task<IReadOnlyList<Passage>> RetrieveAsync(Bot bot, string question, IReadOnlyList<Message> history, CancellationToken ct)
    {
        var terms = WeightedTerms(question, history);
        if (terms.Count == 0)
            return [];

        var settings = options.Value;
        var index = await indexes.GetAsync(bot, ct);
        return index.Search(terms, Candidates, settings.MinCoverage)
            .Select(match => (match.Chunk, Score: Relevance(match)))
            .OrderByDescending(candidate => candidate.Score)
            .DistinctBy(candidate => (candidate.Chunk.SourceId, candidate.Chunk.Url))
            .Take(settings.MaxPassages)
            .Select((candidate, i) => ToPassage(i + 1, candidate.Chunk, candidate.Score))
            .ToList();
    }

    /// <summary>Coverage says how much of the question a passage speaks to; BM25 breaks ties by how strongly.</summary>
    private static double Relevance(LexicalMatch match) =>
        Math.Round(Math.Clamp((0.8 * match.Coverage) + (0.2 * (match.Bm25 / (match.Bm25 + 5.0))), 0, 1), 3);

    private static Passage ToPassage(int number, StoredChunk chunk, double score) =>
        new(number, chunk.SourceId, chunk.SourceType, chunk.PageTitle, chunk.Url, chunk.Heading, chunk.Text, score);

    private static List<QueryTerm> WeightedTerms(string question, IReadOnlyList<Message> history)
    {
        var own = QueryTerms.Extract(question);
        var terms = own.Select(w => new QueryTerm(QueryTerms.Stem(w), 1.0)).DistinctBy(t => t.Stem).ToList();
        var previous = history.LastOrDefault(m => m.Role == MessageRole.User);
        if (previous is not null && IsFollowUp(question, own.Count))
        {
            foreach (var word in QueryTerms.Extract(previous.Content))
            {
                var stem = QueryTerms.Stem(word);
                if (!terms.Exists(t => t.Stem == stem))
                    terms.Add(new QueryTerm(stem, ContextWeight));
            }
        }

        return terms;
    }

    private static readonly string[] Anaphora = ["it", "its", "that", "this", "those", "these", "they", "them", "there", "one"];

    private static bool IsFollowUp(string question, int contentWords) =>
        contentWords < 3 || QueryTerms.Words(question).Any(w => Anaphora.Contains(w));
}
