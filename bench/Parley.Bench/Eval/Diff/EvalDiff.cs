using System.Globalization;
using System.Text.Json;

namespace Parley.Bench.Eval.Diff;

/// <summary>
/// The <c>eval-diff A.json B.json</c> command: for each part both result files hold (the questions asked alone, in
/// conversations, the follow-ups, the unanswerable questions), every question whose cited hit@1, retrieval rank,
/// keyword hit or fallback changed from A to B.
/// </summary>
internal static class EvalDiff
{
    private static readonly string[] Sections = ["questions", "conversations", "followups", "unanswerable"];

    public static async Task<int> RunAsync(string before, string after, TextWriter output)
    {
        JsonDocument a, b;
        try
        {
            a = await ReadAsync(before);
            b = await ReadAsync(after);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eval-diff: {e.Message}");
            return 2;
        }

        using (a)
        using (b)
        {
            output.WriteLine($"A: {before}");
            output.WriteLine($"B: {after}");
            foreach (var section in Sections)
            {
                if (Questions(a.RootElement, section) is { } earlier && Questions(b.RootElement, section) is { } later)
                    Print(section, QuestionOutcome.Read(earlier), QuestionOutcome.Read(later), output);
            }
        }

        return 0;
    }

    public static void Print(string section, IReadOnlyList<QuestionOutcome> before, IReadOnlyList<QuestionOutcome> after, TextWriter output)
    {
        var changes = QuestionChange.Between(before, after);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{section}: {changes.Count} of {after.Count} questions changed from A to B ({changes.Count(c => c.Direction > 0)} better, " +
            $"{changes.Count(c => c.Direction < 0)} worse, {changes.Count(c => c.Direction == 0)} mixed or in one run only)"));
        if (changes.Count == 0)
            return;

        var unanswerable = section == "unanswerable";
        string[] header = unanswerable
            ? ["id", "fallback", "question"]
            : ["id", "kind", "cited hit@1", "retrieval rank", "all keywords", "question"];
        output.WriteLine();
        EvalReport.PrintTable(header, changes.Select(c => unanswerable
            ? new[] { c.Id, Change(c.Before?.Fallback, c.After?.Fallback, YesNo), EvalReport.Shorten(c.Either.Question, 80) }
            : [
                c.Id, c.Either.Kind, Change(c.Before?.CitedHitAt1, c.After?.CitedHitAt1, YesNo),
                Change(c.Before?.RetrievalHitRank, c.After?.RetrievalHitRank, Rank, c.Before is not null, c.After is not null),
                Change(c.Before?.AllKeywords, c.After?.AllKeywords, YesNo), EvalReport.Shorten(c.Either.Question, 80),
            ]).ToList(), output, unanswerable ? [2] : [1, 5]);
    }

    private static async Task<JsonDocument> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await JsonDocument.ParseAsync(file);
    }

    /// <summary>The top-level <c>questions</c>, or a section's; <c>null</c> when the file has no such part.</summary>
    private static JsonElement? Questions(JsonElement root, string section)
    {
        var part = root;
        if (section != "questions" && !(root.TryGetProperty(section, out part) && part.ValueKind == JsonValueKind.Object))
            return null;
        return part.TryGetProperty("questions", out var questions) && questions.ValueKind == JsonValueKind.Array ? questions : null;
    }

    private static string Change<T>(T? before, T? after, Func<T?, string> show, bool inBefore = true, bool inAfter = true)
    {
        var (a, b) = (inBefore ? show(before) : "-", inAfter ? show(after) : "-");
        return a == b ? a : $"{a} -> {b}";
    }

    private static string Change(bool? before, bool? after, Func<bool?, string> show) =>
        Change<bool?>(before, after, show, before is not null, after is not null);

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "-" };

    private static string Rank(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
