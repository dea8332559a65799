using Parley.Core.Knowledge;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Composes an answer from the passages' own sentences: those that share the most words with the
/// question, without near-repeats, kept in reading order. Nothing is written that a source does not say.
/// </summary>
public static class ExtractiveAnswer
{
    public const string NotFound =
        "I couldn't find anything about that in my knowledge base, so I'd rather not guess. " +
        "Could you rephrase the question, or ask about something else?";

    private const int MaxSentences = 3;
    private const int MaxWords = 90;
    private const int MinAnswerWords = 6;

    public static (string Text, int[] Cited) Compose(IReadOnlyList<string> questionTerms, IReadOnlyList<Passage> passages)
    {
        if (passages.Count == 0)
            return (NotFound, []);

        var top = passages[0];
        // A Q&A pair is an answer the business wrote for exactly this kind of question: quote it whole.
        if (top.SourceType == SourceType.Qa)
            return (top.Text.Trim(), [top.Number]);

        var stems = questionTerms.Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
        var candidates = passages.Take(MaxSentences)
            .SelectMany(p => Sentences.Split(p.Text).Select((s, i) => new Candidate(p, i, s, Score(s, stems, p, i))))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ToList();

        var chosen = new List<Candidate>();
        var words = 0;
        foreach (var candidate in candidates)
        {
            var length = candidate.Text.Split(' ').Length;
            if (chosen.Count == MaxSentences || (chosen.Count > 0 && words + length > MaxWords))
                break;
            if (chosen.Exists(c => Similar(c.Text, candidate.Text)))
                continue;
            chosen.Add(candidate);
            words += length;
        }

        if (chosen.Count == 0)
            chosen = Sentences.Split(top.Text).Take(2).Select((s, i) => new Candidate(top, i, s, 0)).ToList();

        // A very short match is usually a title line ("Descaling your kettle."): what it introduces is the answer.
        foreach (var title in chosen.Where(c => c.Text.Split(' ').Length < MinAnswerWords).ToList())
        {
            var next = Sentences.Split(title.Passage.Text).ElementAtOrDefault(title.Position + 1);
            if (next is not null && !chosen.Exists(c => c.Passage == title.Passage && c.Position == title.Position + 1))
                chosen.Add(new Candidate(title.Passage, title.Position + 1, next, 0));
        }

        var ordered = chosen.OrderBy(c => c.Passage.Number).ThenBy(c => c.Position).ToList();
        var text = ordered.Aggregate("", (answer, c) => answer.Length == 0 || answer.EndsWith('\n') ? answer + c.Text : answer + " " + c.Text).Trim();
        // Every retrieved passage cleared the relevance bar and is where a reader should look next,
        // in retrieval order: the answer quotes the best of them, the rest back it up.
        return (text, passages.Select(p => p.Number).ToArray());
    }

    private static double Score(string sentence, HashSet<string> questionStems, Passage passage, int position)
    {
        var matched = QueryTerms.Words(sentence).Select(QueryTerms.Stem).Where(questionStems.Contains).Distinct().Count();
        if (matched == 0)
            return 0;
        // Earlier passages are more relevant, and a section's first sentence usually states its point.
        return matched + (passage.Score * 0.5) + (position == 0 ? 0.25 : 0);
    }

    private static bool Similar(string a, string b)
    {
        var left = QueryTerms.Words(a).ToHashSet(StringComparer.Ordinal);
        var right = QueryTerms.Words(b).ToHashSet(StringComparer.Ordinal);
        var shared = left.Intersect(right).Count();
        return shared > 0.7 * Math.Min(left.Count, right.Count);
    }

    private sealed record Candidate(Passage Passage, int Position, string Text, double Score);
}
