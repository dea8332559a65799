using System.Globalization;

namespace Parley.Bench.Eval.Conversations;

/// <summary>
/// The conversations' score table, the same as for the questions asked alone, then the deltas against alone and the
/// questions whose cited hit@1 or keywords changed, with their place in the conversation.
/// </summary>
internal static class ConversationReport
{
    public static void Print(ConversationRun run, IReadOnlyList<QuestionResult> alone, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Asked in conversations of {run.Size} consecutive questions (cited pages and answers):");
        output.WriteLine();
        EvalReport.PrintScores(run.Groups, output);
        output.WriteLine();

        var deltas = ScoreDelta.Between(GroupScore.Of(alone), run.Groups);
        output.WriteLine("In conversations minus alone:");
        output.WriteLine();
        EvalReport.PrintTable(["group", "n", "Δ hit@1", "Δ hit@5", "Δ hit@10", "Δ MRR@10", "Δ all keywords", "Δ any keyword"], deltas.Select(d => new[]
        {
            d.Group, run.Groups.First(g => g.Group == d.Group).Count.ToString(CultureInfo.InvariantCulture),
            Signed(d.HitAt1), Signed(d.HitAt5), Signed(d.HitAt10), Signed(d.Mrr10), Signed(d.AllKeywords), Signed(d.AnyKeyword),
        }).ToList(), output);
        var overall = deltas[0];
        output.WriteLine();
        output.WriteLine($"Target (cited hit@1 and all keywords within {ScoreDelta.Target.ToString("F2", CultureInfo.InvariantCulture)} of alone): " +
            (overall.WithinTarget ? "met" : "missed"));

        PrintChanges(run, alone, output);
    }

    private static void PrintChanges(ConversationRun run, IReadOnlyList<QuestionResult> alone, TextWriter output)
    {
        var byId = alone.ToDictionary(r => r.Question.Id, StringComparer.Ordinal);
        var changed = run.Results
            .Select((result, index) => (Result: result, Turn: run.TurnOf(index), Alone: byId.GetValueOrDefault(result.Question.Id)))
            .Where(c => c.Alone is not null && (c.Alone.HitAt(1) != c.Result.HitAt(1) || c.Alone.AllKeywords != c.Result.AllKeywords))
            .ToList();
        output.WriteLine();
        output.WriteLine($"Changed against alone: {changed.Count} of {run.Results.Count} questions (cited hit@1 or all keywords)");
        foreach (var (result, turn, before) in changed)
        {
            output.WriteLine($"{result.Question.Id} turn {turn}: hit@1 {YesNo(before!.HitAt(1))} -> {YesNo(result.HitAt(1))}, " +
                $"keywords {YesNo(before.AllKeywords)} -> {YesNo(result.AllKeywords)}  {EvalReport.Shorten(result.Question.Question, 90)}");
            var cited = result.Answer.Citations.Take(3).Select(c => c.Page ?? c.SourceUrl ?? "(no url)").ToList();
            output.WriteLine($"  cited: {(cited.Count == 0 ? "(nothing)" : string.Join(", ", cited))}");
        }
    }

    private static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
