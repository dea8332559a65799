namespace Parley.Bench.Eval.Followups;

/// <summary>The follow-ups' score table and each follow-up whose first citation missed, after the question it follows.</summary>
internal static class FollowupReport
{
    public static void Print(FollowupRun run, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Follow-ups ({run.QuestionFile}), the second question of each pair scored (cited pages and answers):");
        output.WriteLine();
        EvalReport.PrintScores(run.Groups, output);

        var firstById = run.Pairs.ToDictionary(p => p.Id, p => p.First, StringComparer.Ordinal);
        var misses = run.Results.Where(r => !r.HitAt(1)).ToList();
        output.WriteLine();
        output.WriteLine($"Follow-up misses: {misses.Count} of {run.Results.Count} whose first citation is not a gold page");
        foreach (var miss in misses)
        {
            var cited = miss.Answer.Citations.Take(3).Select(c => c.Page ?? c.SourceUrl ?? "(no url)").ToList();
            output.WriteLine($"{miss.Question.Id} after \"{EvalReport.Shorten(firstById[miss.Question.Id], 70)}\": {miss.Question.Question}");
            output.WriteLine($"  gold:  {string.Join(", ", miss.Question.GoldPages)}");
            output.WriteLine($"  cited: {(cited.Count == 0 ? "(nothing)" : string.Join(", ", cited))}{(miss.Answer.Error is { } error ? $" (failed: {error})" : "")}");
        }
    }
}
