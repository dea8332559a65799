using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Calibration;

/// <summary>
/// The <c>calibrate</c> command: for each local model, the cosine distributions of <see cref="CalibrationPairs"/>
/// (questions against answering and unrelated passages, topics against on- and off-topic sentences, paraphrases against
/// sentences on the same subject), the levels each model is configured with and how they sort the pairs, and where
/// MiniLM's levels fall on each other model's distributions (same quantile of the same pairs).
/// </summary>
internal static class SimilarityCalibration
{
    private static readonly double[] Quantiles = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var measured = new Dictionary<LocalModel, Distributions>();
        foreach (var model in LocalModel.All)
        {
            using var generator = model.Load(new LocalEmbeddingsOptions());
            var d = await MeasureAsync(generator);
            measured[model] = d;
            output.WriteLine($"\n## {model.Name} ({model.Id})\n");
            output.WriteLine("| pairs | n | min | p10 | p25 | median | p75 | p90 | max |");
            output.WriteLine("| --- | -: | -: | -: | -: | -: | -: | -: | -: |");
            foreach (var (name, values) in d.All)
                output.WriteLine(Row(name, values));

            var s = model.Scale;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nConfigured: Unrelated {s.Unrelated:F2}, Answering {s.Answering:F2}, 'I don't know' bar {s.AnswersFrom:F3}, OnTopic {s.OnTopic:F2}, SameMeaning {s.SameMeaning:F2}."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  answering passages at or above the 'I don't know' bar: {Share(d.Answering, v => v >= s.AnswersFrom)}; unrelated passages: {Share(d.Unrelated, v => v >= s.AnswersFrom)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  mean relevance of answering passages {d.Answering.Average(s.Relevance):F2}, of unrelated passages {d.Unrelated.Average(s.Relevance):F2}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  on-topic sentences at or above OnTopic: {Share(d.OnTopic, v => v >= s.OnTopic)}; off-topic: {Share(d.OffTopic, v => v >= s.OnTopic)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  paraphrases at or above SameMeaning: {Share(d.Paraphrase, v => v >= s.SameMeaning)}; same subject, other content: {Share(d.SameSubject, v => v >= s.SameMeaning)}"));
        }

        var miniLm = measured[LocalModel.MiniLm];
        var levels = SimilarityScale.MiniLm;
        foreach (var (model, d) in measured.Where(m => m.Key != LocalModel.MiniLm))
        {
            output.WriteLine($"\nMiniLM's levels at the same quantile of {model.Name}'s pairs:");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Unrelated {levels.Unrelated:F2} -> {Match(levels.Unrelated, miniLm.Unrelated, d.Unrelated):F3}; " +
                $"Answering {levels.Answering:F2} -> {Match(levels.Answering, miniLm.Answering, d.Answering):F3}; " +
                $"'I don't know' {levels.AnswersFrom:F2} -> {Match(levels.AnswersFrom, [.. miniLm.Answering, .. miniLm.Unrelated], [.. d.Answering, .. d.Unrelated]):F3}; " +
                $"OnTopic {levels.OnTopic:F2} -> {Match(levels.OnTopic, [.. miniLm.OnTopic, .. miniLm.OffTopic], [.. d.OnTopic, .. d.OffTopic]):F3}; " +
                $"SameMeaning {levels.SameMeaning:F2} -> {Match(levels.SameMeaning, [.. miniLm.Paraphrase, .. miniLm.SameSubject], [.. d.Paraphrase, .. d.SameSubject]):F3}"));
        }
    }

    private static async Task<Distributions> MeasureAsync(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var answers = CalibrationPairs.Answers;
        var queries = await generator.GenerateAsync(answers.Select(a => a.Question), QueryMarker.Mark());
        var plainQuestions = await generator.GenerateAsync(answers.Select(a => a.Question));
        var passages = await generator.GenerateAsync(answers.Select(a => a.Passage));
        var d = new Distributions();
        for (var q = 0; q < answers.Length; q++)
        {
            for (var p = 0; p < answers.Length; p++)
            {
                (q == p ? d.Answering : d.Unrelated).Add(Cosine(queries[q], passages[p]));
                (q == p ? d.AnsweringUnprefixed : d.UnrelatedUnprefixed).Add(Cosine(plainQuestions[q], passages[p]));
            }
        }

        var topics = CalibrationPairs.Topics;
        var topicVectors = await generator.GenerateAsync(topics.Select(t => t.Topic));
        var topicQueries = await generator.GenerateAsync(topics.Select(t => t.Topic), QueryMarker.Mark());
        for (var t = 0; t < topics.Length; t++)
        {
            for (var u = 0; u < topics.Length; u++)
            {
                foreach (var sentence in await generator.GenerateAsync(topics[u].Sentences))
                {
                    (t == u ? d.OnTopic : d.OffTopic).Add(Cosine(topicVectors[t], sentence));
                    (t == u ? d.OnTopicQuery : d.OffTopicQuery).Add(Cosine(topicQueries[t], sentence));
                }
            }
        }

        foreach (var (pairs, into) in new[] { (CalibrationPairs.Paraphrases, d.Paraphrase), (CalibrationPairs.SameSubject, d.SameSubject) })
        {
            var left = await generator.GenerateAsync(pairs.Select(p => p.Item1));
            var right = await generator.GenerateAsync(pairs.Select(p => p.Item2));
            for (var i = 0; i < pairs.Length; i++)
                into.Add(Cosine(left[i], right[i]));
        }

        return d;
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b) => TensorPrimitives.CosineSimilarity(a.Vector.Span, b.Vector.Span);

    /// <summary>The value at the quantile of <paramref name="to"/> where <paramref name="level"/> stands in <paramref name="from"/>.</summary>
    private static double Match(double level, IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        var sorted = from.Order().ToArray();
        var below = sorted.Count(v => v < level);
        var quantile = sorted.Length == 0 ? 0 : Math.Clamp((below - 0.5) / (sorted.Length - 1), 0, 1);
        return Quantile(to.Order().ToArray(), quantile);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static string Share(List<double> values, Func<double, bool> test) =>
        string.Create(CultureInfo.InvariantCulture, $"{values.Count(test)}/{values.Count}");

    private static string Row(string name, List<double> values)
    {
        var sorted = values.Order().ToArray();
        var cells = Quantiles.Select(q => Quantile(sorted, q).ToString("F3", CultureInfo.InvariantCulture));
        return $"| {name} | {sorted.Length} | {string.Join(" | ", cells)} |";
    }

    private sealed class Distributions
    {
        public List<double> Answering { get; } = [];
        public List<double> Unrelated { get; } = [];
        public List<double> AnsweringUnprefixed { get; } = [];
        public List<double> UnrelatedUnprefixed { get; } = [];
        public List<double> OnTopic { get; } = [];
        public List<double> OffTopic { get; } = [];
        public List<double> OnTopicQuery { get; } = [];
        public List<double> OffTopicQuery { get; } = [];
        public List<double> Paraphrase { get; } = [];
        public List<double> SameSubject { get; } = [];

        public IEnumerable<(string Name, List<double> Values)> All =>
        [
            ("question (as query) / answering passage", Answering),
            ("question (as query) / unrelated passage", Unrelated),
            ("question (as document) / answering passage", AnsweringUnprefixed),
            ("question (as document) / unrelated passage", UnrelatedUnprefixed),
            ("topic / sentence on it", OnTopic),
            ("topic / sentence off it", OffTopic),
            ("topic (as query) / sentence on it", OnTopicQuery),
            ("topic (as query) / sentence off it", OffTopicQuery),
            ("paraphrase pair", Paraphrase),
            ("same subject, other content", SameSubject),
        ];
    }
}
