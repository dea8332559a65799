using System.Globalization;

namespace Parley.Bench.Eval.Unanswerable;

/// <summary>The share of honest fallbacks, and every question that got a confident quote instead, with what it cited.</summary>
internal static class UnanswerableReport
{
    public static void Print(UnanswerableRun run, TextWriter output)
    {
        var results = run.Results;
        var confident = run.Confident;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Unanswerable ({run.QuestionFile}): {results.Count(r => r.IsFallback)} of {results.Count} got the honest fallback = {run.FallbackShare:F3}; " +
            $"{confident.Count} a confident answer, {results.Count(r => r.Failed)} failed"));
        foreach (var result in confident)
        {
            var cited = result.Answer.Citations.Take(3).Select(c => c.Page ?? c.SourceUrl ?? "(no url)");
            output.WriteLine($"{result.Question.Id} {result.Question.Question}");
            output.WriteLine($"  cited: {string.Join(", ", cited)}");
            output.WriteLine($"  answer: {EvalReport.Shorten(result.Answer.Text.ReplaceLineEndings(" "), 160)}");
        }

        foreach (var failed in results.Where(r => r.Failed))
            output.WriteLine($"  {failed.Question.Id} failed: {failed.Answer.Error}");
    }
}
