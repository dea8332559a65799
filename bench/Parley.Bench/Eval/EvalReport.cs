using System.Globalization;

namespace Parley.Bench.Eval;

/// <summary>
/// The eval's answer: the score table (as Markdown, like the baseline in the dev set's README), ingestion speed,
/// how many citations the answers carried, and each question whose first citation missed, to tune from.
/// </summary>
internal static class EvalReport
{
    private const int ShownCitations = 3;

    public static void Print(EvalRun run, TextWriter output)
    {
        output.WriteLine();
        PrintScores(run.Groups, output);
        output.WriteLine();
        if (run.Groups.All(g => g.Retrieval is not null))
        {
            output.WriteLine("Retrieval alone (the pages POST /v1/bots/{id}/search ranks for each question, before the answer cites what it used):");
            output.WriteLine();
            PrintRetrievalTable(run.Groups, output);
            output.WriteLine();
        }

        var ingestion = run.Ingestion;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ingestion ({ingestion.Method}): {ingestion.Pages} pages, {ingestion.Chunks} chunks in {ingestion.Elapsed.TotalSeconds:F1} s = " +
            $"{ingestion.PagesPerSecond:F1} pages/s, {ingestion.ChunksPerSecond:F1} chunks/s"));

        var results = run.Results;
        var counts = results.Select(r => r.Answer.Citations.Count).ToList();
        var cap = run.MaxPassages is { } max
            ? $"the server cites at most Parley:Retrieval:MaxPassages = {max}"
            : "the server's Parley:Retrieval:MaxPassages caps them";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Citations per answer: mean {counts.Average():F1}, min {counts.Min()}, max {counts.Max()}; " +
            $"{counts.Count(c => c == 0)} answers cited nothing, {counts.Count(c => c >= QuestionResult.Depth)} cited {QuestionResult.Depth} or more ({cap})"));

        var times = results.Select(r => r.Answer.Elapsed.TotalMilliseconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Answers: {results.Count(r => r.Answer.Error is null)} of {results.Count} complete, " +
            $"{times.Average():F0} ms mean, {times[times.Count / 2]:F0} ms median, {times[^1]:F0} ms slowest"));
        foreach (var failed in results.Where(r => r.Answer.Error is not null))
            output.WriteLine($"  {failed.Question.Id} failed: {failed.Answer.Error}");

        PrintMisses(results, output);
    }

    /// <summary>The cited-page and keyword table of a list of groups, as every mode of the eval prints it.</summary>
    public static void PrintScores(IReadOnlyList<GroupScore> groups, TextWriter output) =>
        PrintTable(["group", "n", "hit@1", "hit@5", "hit@10", "MRR@10", "all keywords", "any keyword"], groups.Select(g => new[]
        {
            g.Group, g.Count.ToString(CultureInfo.InvariantCulture), Rate(g.HitAt1), Rate(g.HitAt5), Rate(g.HitAt10), Rate(g.Mrr10),
            Rate(g.AllKeywords), Rate(g.AnyKeyword),
        }).ToList(), output);

    private static void PrintRetrievalTable(IReadOnlyList<GroupScore> groups, TextWriter output) =>
        PrintTable(["group", "n", "hit@1", "hit@5", "hit@10", "MRR@10"], groups.Select(g => new[]
        {
            g.Group, g.Count.ToString(CultureInfo.InvariantCulture), Rate(g.Retrieval!.Value.HitAt1), Rate(g.Retrieval.Value.HitAt5),
            Rate(g.Retrieval.Value.HitAt10), Rate(g.Retrieval.Value.Mrr10),
        }).ToList(), output);

    /// <summary>
    /// A Markdown table: the first column and any in <paramref name="textColumns"/> left-aligned, the others (numbers)
    /// right-aligned.
    /// </summary>
    public static void PrintTable(string[] header, List<string[]> rows, TextWriter output, params int[] textColumns)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        bool Left(int column) => column == 0 || textColumns.Contains(column);

        output.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        output.WriteLine("| " + string.Join(" | ", widths.Select((w, i) => Left(i) ? new string('-', w) : new string('-', w - 1) + ":")) + " |");
        foreach (var row in rows)
            output.WriteLine("| " + string.Join(" | ", row.Select((cell, i) => Left(i) ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))) + " |");
    }

    private static void PrintMisses(IReadOnlyList<QuestionResult> results, TextWriter output)
    {
        var misses = results.Where(r => !r.HitAt(1)).ToList();
        output.WriteLine();
        output.WriteLine($"Misses: {misses.Count} of {results.Count} questions whose first citation is not a gold page " +
            $"(first hit: the rank of the first gold citation in the top {QuestionResult.Depth}, or none; keywords: all, some or none)");
        foreach (var miss in misses)
        {
            var question = miss.Question;
            var keywords = miss.AllKeywords ? "all" : miss.AnyKeyword ? "some" : "none";
            output.WriteLine($"{question.Id} ({question.Kind}) first hit: {miss.FirstHitRank?.ToString(CultureInfo.InvariantCulture) ?? "none"}, " +
                $"keywords: {keywords}, {miss.Answer.Citations.Count} citations  {Shorten(question.Question, 100)}");
            output.WriteLine($"  gold:  {string.Join(", ", question.GoldPages)}");
            var cited = miss.Answer.Citations.Take(ShownCitations).Select(c => c.Page ?? c.SourceUrl ?? c.PageTitle ?? "(no url)").ToList();
            output.WriteLine($"  cited: {(cited.Count == 0 ? "(nothing)" : string.Join(", ", cited))}");
        }
    }

    private static string Rate(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
