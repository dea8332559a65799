using System.Globalization;
using Microsoft.Extensions.AI;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;
using Parley.Server.Chat.SavedAnswers;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Calibration;

/// <summary>
/// The <c>qa-threshold</c> command: for each <see cref="SavedQuestionSet"/>, each local model and by words, how the
/// visitor questions meet the saved ones at each <c>qa_match_threshold</c>, decided as <c>SavedAnswerFinder</c> decides
/// (<see cref="QuestionCloseness"/>, then <see cref="SavedAnswerChoice"/>), and, for comparison, by the cosine alone at
/// the model's <see cref="SimilarityScale.SameQuestion"/> (how saved answers were matched before). A paraphrase answered
/// by its own saved question is a hit; by none, a miss; by another, a false match. A near-miss or an unrelated question
/// answered by any saved question is a false match.
/// </summary>
internal static class SavedAnswerThreshold
{
    private static readonly double[] Thresholds = [0.70, 0.75, 0.80, 0.85, QuestionCloseness.DefaultThreshold, 0.95, 1.00];

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        foreach (var set in SavedQuestionSet.All)
            await RunAsync(output, set);
    }

    private static async Task RunAsync(TextWriter output, SavedQuestionSet set)
    {
        var saved = set.Questions;
        var asked = saved.SelectMany((s, i) => s.Paraphrases.Select(p => new Asked(p, i, Paraphrase: true)))
            .Concat(saved.SelectMany((s, i) => s.NearMisses.Select(p => new Asked(p, i, Paraphrase: false))))
            .Concat(set.Unrelated.Select(p => new Asked(p, -1, Paraphrase: false)))
            .ToList();
        output.WriteLine($"\n# {set.Name}: {saved.Length} saved questions; {asked.Count(a => a.Paraphrase)} paraphrases, " +
            $"{asked.Count(a => !a.Paraphrase && a.Owner >= 0)} near-misses, {asked.Count(a => a.Owner < 0)} unrelated questions");

        var answers = saved.Select(s => s.Question).ToList();
        var savedWords = saved.Select(s => QuestionWords.Of(s.Question)).ToList();
        var agreement = asked.Select(a =>
        {
            var words = QuestionWords.Of(a.Text);
            return savedWords.Select(s => QuestionWords.Compare(words, s)).ToList();
        }).ToList();

        foreach (var model in LocalModel.All)
        {
            using var generator = model.Load(new LocalEmbeddingsOptions());
            var savedVectors = await generator.GenerateAsync(saved.Select(s => s.Question), QueryMarker.Mark());
            var askedVectors = await generator.GenerateAsync(asked.Select(a => a.Text), QueryMarker.Mark());
            var cosines = asked.Select((_, i) => saved.Select((_, s) => QuestionCloseness.Cosine(askedVectors[i].Vector.Span, savedVectors[s].Vector.Span)).ToList()).ToList();

            var before = Count(asked, cosines.Select(c => Best(c, model.Scale.SameQuestion)).ToList());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\n## {model.Name} ({model.Id})\n\nBefore (the cosine alone at {model.Scale.SameQuestion:F2}): {before}."));
            var closeness = cosines.Select((c, i) => c.Select((cosine, s) => QuestionCloseness.Of(QuestionCloseness.Meaning(cosine, model.Scale), agreement[i][s])).ToList()).ToList();
            Report(output, asked, closeness, answers, agreement);
        }

        output.WriteLine("\n## by words (no embedding model)\n");
        output.WriteLine($"Before (share of stemmed words in common at least 0.75): {Count(asked, agreement.Select((_, i) => (Index: i, 0)).Select(a => Best(saved.Select(s => OldByWords(asked[a.Index].Text, s.Question)).ToList(), 0.75)).ToList())}.");
        Report(output, asked, agreement.Select(a => a.Select(QuestionCloseness.ByWords).ToList()).ToList(), answers, agreement);

        void Report(TextWriter output, List<Asked> asked, List<List<double>> closeness, List<string> answers, List<List<WordAgreement>> words)
        {
            var paraphrases = asked.Count(a => a.Paraphrase);
            output.WriteLine($"\n| qa_match_threshold | paraphrases answered (of {paraphrases}) | near-misses and unrelated answered (of {asked.Count - paraphrases}) | paraphrases given another answer |");
            output.WriteLine("| -: | -: | -: | -: |");
            foreach (var t in Thresholds)
            {
                var (hit, falseMatch, wrong) = Tally(asked, closeness.Select(c => SavedAnswerChoice.Pick(c, answers, t)).ToList());
                var name = t == QuestionCloseness.DefaultThreshold ? $"**{t:F2}** (default)" : $"{t:F2}";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {hit} | {falseMatch} | {wrong} |"));
            }

            output.WriteLine("\nEach question's closest saved question (✓ answered from it at the default):");
            var lines = asked.Select((a, i) =>
            {
                var s = Enumerable.Range(0, closeness[i].Count).MaxBy(s => closeness[i][s]);
                var kind = a.Paraphrase ? (s == a.Owner ? "paraphrase" : "PARAPHRASE→OTHER") : a.Owner >= 0 ? "near-miss" : "unrelated";
                var answered = SavedAnswerChoice.Pick(closeness[i], answers, QuestionCloseness.DefaultThreshold) is not null ? "✓" : " ";
                return (closeness[i][s], string.Create(CultureInfo.InvariantCulture,
                    $"  {closeness[i][s]:F3} {answered} {kind,-16} {words[i][s].Overlap,-8} \"{a.Text}\" ~ \"{set.Questions[s].Question}\""));
            });
            foreach (var (_, line) in lines.OrderBy(l => l.Item1))
                output.WriteLine(line);
        }
    }

    private static string Count(List<Asked> asked, List<int?> chosen)
    {
        var (hit, falseMatch, wrong) = Tally(asked, chosen);
        return $"{hit} of {asked.Count(a => a.Paraphrase)} paraphrases answered, {falseMatch + wrong} false matches";
    }

    private static (int Hit, int FalseMatch, int Wrong) Tally(List<Asked> asked, List<int?> chosen) => (
        asked.Where((a, i) => a.Paraphrase && chosen[i] == a.Owner).Count(),
        asked.Where((a, i) => !a.Paraphrase && chosen[i] is not null).Count(),
        asked.Where((a, i) => a.Paraphrase && chosen[i] is { } s && s != a.Owner).Count());

    /// <summary>The closest at least <paramref name="bar"/> close, as saved answers were matched before.</summary>
    private static int? Best(List<double> closeness, double bar)
    {
        var best = Enumerable.Range(0, closeness.Count).MaxBy(s => closeness[s]);
        return closeness[best] >= bar ? best : null;
    }

    /// <summary>The words-only closeness before: the share of stemmed words in common (Jaccard), exact stems only.</summary>
    private static double OldByWords(string asked, string saved)
    {
        var a = QueryTerms.Extract(asked).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
        var b = QueryTerms.Extract(saved).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
        var shared = a.Count(b.Contains);
        return a.Count == 0 || b.Count == 0 ? 0 : (double)shared / (a.Count + b.Count - shared);
    }

    private sealed record Asked(string Text, int Owner, bool Paraphrase);
}
