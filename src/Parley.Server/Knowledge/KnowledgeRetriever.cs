using Microsoft.Extensions.Options;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>
/// Finds the passages of a bot's knowledge that answer a question. A short follow-up ("and how long
/// does that take?") borrows the words of the previous question, at half weight, so it retrieves about
/// the thing being discussed.
/// </summary>
public sealed class KnowledgeRetriever(IKnowledgeStore store, IOptions<RetrievalOptions> options)
{
    private const int Candidates = 24;
    private const double ContextWeight = 0.5;

    public async Task<IReadOnlyList<Passage>> RetrieveAsync(
        string botId, string question, IReadOnlyList<Message> history, CancellationToken ct)
    {
        var terms = WeightedTerms(question, history);
        if (terms.Count == 0)
            return [];

        var hits = await store.SearchAsync(botId, terms.Select(t => t.Word).ToList(), Candidates, ct);
        var settings = options.Value;
        var best = new List<(KnowledgeHit Hit, double Score)>();
        foreach (var hit in hits)
        {
            var coverage = Coverage(terms, hit);
            if (coverage < settings.MinCoverage)
                continue;
            // Coverage says how much of the question a passage speaks to; BM25 breaks ties by how strongly.
            var score = (0.8 * coverage) + (0.2 * (hit.Rank / (hit.Rank + 5.0)));
            best.Add((hit, Math.Clamp(score, 0, 1)));
        }

        return best
            .OrderByDescending(candidate => candidate.Score)
            .DistinctBy(candidate => (candidate.Hit.SourceId, candidate.Hit.Url))
            .Take(settings.MaxPassages)
            .Select((candidate, i) => new Passage(
                i + 1, candidate.Hit.SourceId, candidate.Hit.SourceType, candidate.Hit.PageTitle, candidate.Hit.Url,
                candidate.Hit.Heading, candidate.Hit.Text, Math.Round(candidate.Score, 3)))
            .ToList();
    }

    private static List<(string Word, string Stem, double Weight)> WeightedTerms(string question, IReadOnlyList<Message> history)
    {
        var terms = QueryTerms.Extract(question).Select(w => (w, QueryTerms.Stem(w), 1.0)).ToList();
        var previous = history.LastOrDefault(m => m.Role == MessageRole.User);
        if (previous is not null && IsFollowUp(question, terms.Count))
        {
            foreach (var word in QueryTerms.Extract(previous.Content))
            {
                if (!terms.Exists(t => t.Item1 == word))
                    terms.Add((word, QueryTerms.Stem(word), ContextWeight));
            }
        }

        return terms;
    }

    private static readonly string[] Anaphora = ["it", "its", "that", "this", "those", "these", "they", "them", "there", "one"];

    private static bool IsFollowUp(string question, int contentWords) =>
        contentWords < 3 || QueryTerms.Words(question).Any(w => Anaphora.Contains(w));

    private static double Coverage(List<(string Word, string Stem, double Weight)> terms, KnowledgeHit hit)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in (ReadOnlySpan<string?>)[hit.PageTitle, hit.Heading, hit.Text])
        {
            if (text is null)
                continue;
            foreach (var word in QueryTerms.Words(text))
                stems.Add(QueryTerms.Stem(word));
        }

        double found = 0, total = 0;
        foreach (var (_, stem, weight) in terms)
        {
            total += weight;
            if (stems.Contains(stem))
                found += weight;
        }

        return total == 0 ? 0 : found / total;
    }
}
