using System.Globalization;
using System.Numerics.Tensors;
using Parley.Embeddings.Local;
using Parley.Server.Insights.Grouping;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Calibration;

/// <summary>
/// The <c>grouping</c> command: on <see cref="GroupingQuestions"/>, for each local model and for words (Jaccard of stemmed
/// word sets), the similarity of every two questions of one intent (paraphrases) and of different intents, and how leader
/// clustering sorts the set at a range of bars: pairs of one intent put together (recall), pairs put together that are of
/// one intent (precision), groups made, and the configured bar's row marked.
/// </summary>
internal static class GroupingCalibration
{
    private static readonly double[] Quantiles = [0, 0.1, 0.5, 0.9, 1];

    public static async Task RunAsync(TextWriter output)
    {
        var questions = GroupingQuestions.Intents.SelectMany((wordings, intent) => wordings.Select(q => (Text: q, Intent: intent))).ToArray();
        output.WriteLine($"{questions.Length} questions, {GroupingQuestions.Intents.Length} intents.");

        foreach (var model in LocalModel.All)
        {
            using var generator = model.Load(new LocalEmbeddingsOptions());
            var vectors = (await generator.GenerateAsync(questions.Select(q => q.Text))).Select(e => e.Vector.ToArray()).ToArray();
            Report(output, $"{model.Name} ({model.Id}), cosine", questions, GroupingBar.For(model.Id),
                (i, j) => TensorPrimitives.CosineSimilarity(vectors[i], vectors[j]), i => (vectors[i], null));
        }

        var words = questions.Select(q => QuestionWords.Of(q.Text)).ToArray();
        Report(output, "words, Jaccard of stemmed word sets", questions, GroupingBar.ByWords,
            (i, j) => QuestionWords.Jaccard(words[i], words[j]), i => (null, words[i]));
    }

    private static void Report(
        TextWriter output, string name, (string Text, int Intent)[] questions, double configured,
        Func<int, int, double> similarity, Func<int, (float[]?, IReadOnlySet<string>?)> item)
    {
        var same = new List<double>();
        var different = new List<double>();
        for (var i = 0; i < questions.Length; i++)
        {
            for (var j = i + 1; j < questions.Length; j++)
                (questions[i].Intent == questions[j].Intent ? same : different).Add(similarity(i, j));
        }

        output.WriteLine($"\n## {name}\n");
        output.WriteLine("| pairs | n | min | p10 | median | p90 | max |");
        output.WriteLine("| --- | -: | -: | -: | -: | -: | -: |");
        output.WriteLine(Row("same intent", same));
        output.WriteLine(Row("different intents", different));
        // The issue's example: three wordings of one question, and a different question.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\n'{questions[0].Text}' to '{questions[1].Text}' {similarity(0, 1):F3}, to '{questions[2].Text}' {similarity(0, 2):F3}, to '{questions[4].Text}' {similarity(0, 4):F3}; '{questions[1].Text}' to '{questions[2].Text}' {similarity(1, 2):F3}"));

        output.WriteLine("\n| bar | groups | same-intent pairs together (recall) | pairs together of one intent (precision) | different-intent pairs together |");
        output.WriteLine("| -: | -: | -: | -: | -: |");
        var bars = Enumerable.Range(8, 31).Select(b => b * 0.025).Append(configured).Distinct().Order();
        foreach (var bar in bars)
        {
            // In the set's order: each intent's usual wording first, as the first visitor to ask would put it.
            var clusters = new QuestionClusters(bar);
            var groupOf = new string[questions.Length];
            foreach (var i in Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, questions.Length / 4).Select(intent => (intent * 4) + w)))
            {
                var (vector, wordSet) = item(i);
                groupOf[i] = clusters.Join(vector, wordSet) ?? i.ToString(CultureInfo.InvariantCulture);
                if (groupOf[i] == i.ToString(CultureInfo.InvariantCulture))
                    clusters.AddLeader(groupOf[i], vector, wordSet);
            }

            int together = 0, togetherSame = 0, sameTotal = 0, wrong = 0;
            for (var i = 0; i < questions.Length; i++)
            {
                for (var j = i + 1; j < questions.Length; j++)
                {
                    var sameIntent = questions[i].Intent == questions[j].Intent;
                    sameTotal += sameIntent ? 1 : 0;
                    if (groupOf[i] != groupOf[j])
                        continue;
                    together++;
                    togetherSame += sameIntent ? 1 : 0;
                    wrong += sameIntent ? 0 : 1;
                }
            }

            var mark = Math.Abs(bar - configured) < 1e-9 ? " (configured)" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {bar:F2}{mark} | {clusters.Count} | {togetherSame}/{sameTotal} ({(double)togetherSame / sameTotal:P0}) | {togetherSame}/{together} ({(together == 0 ? 1 : (double)togetherSame / together):P0}) | {wrong} |"));
        }
    }

    private static string Row(string name, List<double> values)
    {
        var sorted = values.Order().ToArray();
        var cells = Quantiles.Select(q => sorted[(int)Math.Round(q * (sorted.Length - 1))].ToString("F3", CultureInfo.InvariantCulture));
        return $"| {name} | {sorted.Length} | {string.Join(" | ", cells)} |";
    }
}
