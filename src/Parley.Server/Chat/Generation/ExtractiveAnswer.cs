using Parley.Core.Knowledge;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>Embeds texts in the question's space, or returns null when no embedding model is configured.</summary>
public delegate Task<IReadOnlyList<float[]>?> EmbedTexts(IReadOnlyList<string> texts, CancellationToken ct);

/// <summary>
/// Composes an answer from the passages' own whole sentences. Each sentence is scored by the question's words
/// it holds (rare words weigh more) and, with embeddings, by closeness in meaning; the answer takes the best,
/// then adds others by maximal marginal relevance, so a second sentence must add something the first did not
/// say. Near-duplicates are never quoted twice. When no sentence is close enough to the question, the answer
/// says plainly that the knowledge does not hold it, rather than quote something beside the point.
/// Nothing is written that a source does not say.
/// </summary>
public static class ExtractiveAnswer
{
    public const string NotFound =
        "I couldn't find anything about that in my knowledge base, so I'd rather not guess. " +
        "Could you rephrase the question, or ask about something else?";

    private const int MaxSentences = 3;
    private const int MaxWords = 90;
    private const int MinSentenceWords = 4;
    private const int MaxSentenceWords = 70;

    // Embedding sentences is most of this generator's time (the local model does a few hundred a second on
    // two cores): past this many, the sentences sharing the most words, on the best-ranked pages, go first.
    private const int MaxCandidates = 24;

    // Past this (retrieval's own default budget), the sentences are chosen by their words alone rather than
    // keep the visitor waiting; only an overloaded machine gets there.
    private static readonly TimeSpan EmbeddingBudget = TimeSpan.FromSeconds(3);

    // MMR: how much relevance outweighs novelty when adding a sentence.
    private const double Lambda = 0.7;

    private const double RankWeight = 0.25;

    private const double ContextWeight = 0.5;

    // A further sentence from a page already quoted keeps the answer on one subject; one from another page must be nearly as good as the best.
    private const double SamePageFloor = 0.5;
    private const double OtherPageFloor = 0.8;
    private const double SamePageBonus = 0.05;

    // The "I don't know" bar. MiniLM puts unrelated sentences near 0.1 and a sentence that answers near 0.5:
    // a sentence clears the bar by meaning, or by holding most of what the question asks about.
    private const double MinSimilarity = 0.35;
    private const double MinOverlap = 0.5;
    private const double MinLexicalOverlap = 0.3;

    // Without sentence embeddings, a sentence that shares a word with the question also answers when its
    // passage cleared retrieval's default bar: relevance 0.4 is half the question's words by BM25 alone
    // (Parley:Retrieval:MinCoverage), 0.3 is the bar by meaning for a model that failed on the sentences.
    private const double TrustedLexicalPassage = 0.4;
    private const double TrustedPassage = 0.3;

    private static readonly System.Buffers.SearchValues<char> CodeMarks = System.Buffers.SearchValues.Create("/=_<>{}$\\");

    private static readonly string[] Anaphora = ["it ", "its ", "this ", "that ", "these ", "those ", "they ", "them ", "there ", "he ", "she "];

    public static async Task<(string Text, int[] Cited)> ComposeAsync(
        string question, IReadOnlyList<Passage> passages, EmbedTexts? embed, CancellationToken ct)
    {
        if (passages.Count == 0)
            return (NotFound, []);

        var top = passages[0];
        // A Q&A pair is an answer the business wrote for exactly this kind of question: quote it whole.
        if (top.SourceType == SourceType.Qa)
        {
            var written = string.Join(' ', Sentences.Split(top.Text));
            return (written.Length > 0 ? written : top.Text.Trim(), [top.Number]);
        }

        var candidates = Candidates(passages);
        if (candidates.Count == 0)
            return (NotFound, []);

        ScoreOverlap(question, candidates);
        if (candidates.Count > MaxCandidates)
            candidates = candidates.OrderByDescending(c => c.Overlap + (RankWeight / c.Passage.Number)).ThenBy(c => c.Passage.Number).ThenBy(c => c.Position).Take(MaxCandidates).ToList();
        var semantic = embed is not null && await EmbedAsync(question, candidates, embed, ct);
        var degraded = embed is not null && !semantic;
        foreach (var c in candidates)
        {
            var meaning = c.Similarity is { } s ? Math.Clamp((s - 0.1) / 0.5, 0, 1) : 0;
            // Retrieval ranked whole passages, seeing their titles and headings too, and its first is usually
            // the right page: its rank weighs in, so a stray sentence elsewhere does not outrank the right page.
            c.Relevance = (semantic ? (0.45 * c.Overlap) + (0.55 * meaning) : c.Overlap) + (RankWeight / c.Passage.Number);
        }

        var ranked = candidates.Where(c => Answers(c, semantic, degraded)).OrderByDescending(c => c.Relevance).ToList();
        if (ranked.Count == 0)
            return (NotFound, []);

        var chosen = Choose(ranked);
        AddAntecedent(chosen, candidates);
        return Write(chosen);
    }

    private static List<SentenceCandidate> Candidates(IReadOnlyList<Passage> passages)
    {
        var candidates = new List<SentenceCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            var sentences = Sentences.Split(passage.Text);
            if (sentences.Count == 0)
                sentences = Sentences.Split(passage.Text, headings: true);
            for (var i = 0; i < sentences.Count; i++)
            {
                var candidate = new SentenceCandidate(passage, i, sentences[i]);
                if (Quotable(candidate) && seen.Add(Normalised(candidate.Text)))
                    candidates.Add(candidate);
            }
        }

        return candidates;
    }

    /// <summary>A sentence that reads well on its own: prose of a sensible length, not a fragment, an address or leftover code.</summary>
    private static bool Quotable(SentenceCandidate c)
    {
        var text = c.Text;
        if (c.Words is < MinSentenceWords or > MaxSentenceWords || InlineMarkup.HasAddress(text))
            return false;
        // A sentence ending in a colon introduces something (a list, code) that is not quoted with it.
        if (text.EndsWith(':') || text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('…') || text.StartsWith("...", StringComparison.Ordinal) || text.StartsWith('…'))
            return false;
        var visible = text.Count(ch => !char.IsWhiteSpace(ch));
        if (text.Count(char.IsLetter) < 0.6 * visible)
            return false;
        // Command output or configuration that lost its code block reads as a run of paths and options.
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Count(t => t.AsSpan().IndexOfAny(CodeMarks) >= 0 || t.StartsWith('-')) * 4 < tokens.Length;
    }

    private static void ScoreOverlap(string question, List<SentenceCandidate> candidates)
    {
        var asked = QueryTerms.Extract(question).Select(QueryTerms.Stem).Distinct().ToList();
        if (asked.Count == 0)
            return;
        // A word found in few sentences says more about which one answers than a word found in all of them;
        // a word found in none weighs most, so a question about something the knowledge lacks scores low everywhere.
        var weights = asked.ToDictionary(t => t, t => Math.Log(1 + ((candidates.Count + 1.0) / (candidates.Count(c => c.Stems.Contains(t)) + 0.5))));
        var total = weights.Values.Sum();
        // A word the sentence leaves to its heading or page title still counts, for half: the sentence is read in its section.
        foreach (var c in candidates)
            c.Overlap = asked.Sum(t => c.Stems.Contains(t) ? weights[t] : c.ContextStems.Contains(t) ? ContextWeight * weights[t] : 0) / total;
    }

    private static async Task<bool> EmbedAsync(string question, List<SentenceCandidate> candidates, EmbedTexts embed, CancellationToken ct)
    {
        IReadOnlyList<float[]>? vectors;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(EmbeddingBudget);
        try
        {
            // WaitAsync too, for a model that does not look at its token mid-batch.
            vectors = await embed([question, .. candidates.Select(c => c.Text)], budget.Token).WaitAsync(budget.Token);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // An embedding model that fails or is slow leaves the words to decide, as when none is configured.
            return false;
        }

        if (vectors is null || vectors.Count != candidates.Count + 1)
            return false;
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Vector = vectors[i + 1];
            candidates[i].Similarity = SentenceCandidate.Cosine(vectors[0], vectors[i + 1]);
        }

        return true;
    }

    // The similarity bar is MiniLM's; another embedding model spreads its scores differently. So a sentence of
    // the passage retrieval ranked first (already past retrieval's own bar) needs only what it would need
    // without embeddings, whatever model made them.
    private static bool Answers(SentenceCandidate c, bool semantic, bool degraded) =>
        semantic ? c.Similarity >= MinSimilarity || c.Overlap >= MinOverlap || (c.Passage.Number == 1 && c.Overlap >= MinLexicalOverlap)
            : c.Overlap >= MinLexicalOverlap || (c.Overlap > 0 && c.Passage.Score >= (degraded ? TrustedPassage : TrustedLexicalPassage));

    /// <summary>The best sentence, then by maximal marginal relevance those that add to it, within the length budget.</summary>
    private static List<SentenceCandidate> Choose(List<SentenceCandidate> ranked)
    {
        var best = ranked[0];
        var chosen = new List<SentenceCandidate> { best };
        var words = best.Words;
        var remaining = ranked.Skip(1).Where(c => c.Relevance >= best.Relevance * SamePageFloor).ToList();
        while (chosen.Count < MaxSentences && remaining.Count > 0)
        {
            var next = remaining.MaxBy(c => (Lambda * c.Relevance) - ((1 - Lambda) * chosen.Max(c.Likeness)) + (Quoted(c) ? SamePageBonus : 0))!;
            remaining.Remove(next);
            if (chosen.Exists(c => c.Repeats(next)) || words + next.Words > MaxWords
                || (!Quoted(next) && next.Relevance < best.Relevance * OtherPageFloor))
                continue;
            chosen.Add(next);
            words += next.Words;
        }

        return chosen;

        bool Quoted(SentenceCandidate c) => chosen.Exists(q => q.Passage == c.Passage);
    }

    /// <summary>A best sentence that begins "It …" or "This …" needs the sentence before it to be understood.</summary>
    private static void AddAntecedent(List<SentenceCandidate> chosen, List<SentenceCandidate> candidates)
    {
        var first = chosen[0];
        if (first.Position == 0 || !Anaphora.Any(a => first.Text.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
            return;
        var before = candidates.Find(c => c.Passage == first.Passage && c.Position == first.Position - 1);
        if (before is not null && !chosen.Contains(before) && chosen.Sum(c => c.Words) + before.Words <= MaxWords)
            chosen.Insert(1, before);
    }

    /// <summary>The passages in the order of their best sentence, each passage's sentences in reading order.</summary>
    private static (string Text, int[] Cited) Write(List<SentenceCandidate> chosen)
    {
        var passages = chosen.Select(c => c.Passage).Distinct().ToList();
        var ordered = passages.SelectMany(p => chosen.Where(c => c.Passage == p).OrderBy(c => c.Position)).ToList();
        return (string.Join(' ', ordered.Select(c => c.Text)), passages.Select(p => p.Number).ToArray());
    }

    private static string Normalised(string text) => string.Join(' ', QueryTerms.Words(text));
}
