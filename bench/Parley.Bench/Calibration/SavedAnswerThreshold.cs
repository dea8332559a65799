using System.Globalization;
using Microsoft.Extensions.AI;
using Parley.Embeddings.Local;
using Parley.Server.Chat.SavedAnswers;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Calibration;

/// <summary>
/// The <c>qa-threshold</c> command: for each local model, and by words, how <see cref="SavedQuestionSet"/>'s visitor
/// questions meet the saved ones at each <c>qa_match_threshold</c>. A visitor question gets the saved answer whose
/// question is closest, if it is at least the threshold close (as <c>SavedAnswerStep</c> decides). A paraphrase
/// answered by its own saved question is a hit; by none, a miss; by another, a false match. A near-miss or an
/// unrelated question answered by any saved question is a false match.
/// </summary>
internal static class SavedAnswerThreshold
{
    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var saved = SavedQuestionSet.Shop.Questions;
        var asked = saved.SelectMany((s, i) => s.Paraphrases.Select(p => (Text: p, Owner: i, Paraphrase: true)))
            .Concat(saved.SelectMany((s, i) => s.NearMisses.Select(p => (Text: p, Owner: i, Paraphrase: false))))
            .Concat(SavedQuestionSet.Shop.Unrelated.Select(p => (Text: p, Owner: -1, Paraphrase: false)))
            .ToList();
        output.WriteLine($"{saved.Length} saved questions; {asked.Count(a => a.Paraphrase)} paraphrases, " +
            $"{asked.Count(a => !a.Paraphrase && a.Owner >= 0)} near-misses, {asked.Count(a => a.Owner < 0)} unrelated questions.");

        foreach (var model in LocalModel.All)
        {
            using var generator = model.Load(new LocalEmbeddingsOptions());
            var savedVectors = await generator.GenerateAsync(saved.Select(s => s.Question), QueryMarker.Mark());
            var askedVectors = await generator.GenerateAsync(asked.Select(a => a.Text), QueryMarker.Mark());
            var best = asked.Select((a, i) => Best(saved.Length, s => QuestionCloseness.ByMeaning(askedVectors[i].Vector.Span, savedVectors[s].Vector.Span))).ToList();
            Report(output, $"{model.Name} ({model.Id}), cosine of the questions embedded as queries", asked, best, Steps(0.60, 0.98, 0.02));
        }

        var byWords = asked.Select(a => Best(saved.Length, s => QuestionCloseness.ByWords(a.Text, saved[s].Question))).ToList();
        Report(output, "by words (no embedding model), share of stemmed words in common", asked, byWords, Steps(0.3, 1.0, 0.05));
    }

    private static (int Saved, double Closeness) Best(int count, Func<int, double> closeness) =>
        Enumerable.Range(0, count).Select(s => (s, closeness(s))).MaxBy(p => p.Item2);

    private static IEnumerable<double> Steps(double from, double to, double step)
    {
        for (var t = from; t <= to + 1e-9; t += step)
            yield return Math.Round(t, 2);
    }

    private static void Report(
        TextWriter output, string title, List<(string Text, int Owner, bool Paraphrase)> asked, List<(int Saved, double Closeness)> best, IEnumerable<double> thresholds)
    {
        output.WriteLine($"\n## {title}\n");
        var paraphrases = asked.Count(a => a.Paraphrase);
        var others = asked.Count - paraphrases;
        output.WriteLine($"| threshold | paraphrases answered (of {paraphrases}) | missed | near-misses and unrelated answered (of {others}) | paraphrases given another answer |");
        output.WriteLine("| -: | -: | -: | -: | -: |");
        foreach (var t in thresholds)
        {
            var hit = asked.Where((a, i) => a.Paraphrase && best[i].Closeness >= t && best[i].Saved == a.Owner).Count();
            var wrong = asked.Where((a, i) => a.Paraphrase && best[i].Closeness >= t && best[i].Saved != a.Owner).Count();
            var falseMatch = asked.Where((a, i) => !a.Paraphrase && best[i].Closeness >= t).Count();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t:F2} | {hit} | {paraphrases - hit - wrong} | {falseMatch} | {wrong} |"));
        }

        output.WriteLine("\nEach question's closest saved question:");
        foreach (var ((text, owner, paraphrase), (s, closeness)) in asked.Zip(best).OrderBy(p => p.Second.Closeness))
        {
            var kind = paraphrase ? (s == owner ? "paraphrase" : "PARAPHRASE→OTHER") : owner >= 0 ? "near-miss" : "unrelated";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {closeness:F3} {kind,-16} \"{text}\" ~ \"{SavedQuestionSet.Shop.Questions[s].Question}\""));
        }
    }
}
