using System.Text.Json;

namespace Parley.Bench.Eval.Diff;

/// <summary>
/// What one question scored in a <c>--json</c> result file: where its first gold citation came, where retrieval ranked
/// a gold page (when measured), whether the answer held all keywords, and for an unanswerable question whether it got
/// the fallback.
/// </summary>
internal sealed record QuestionOutcome(string Id, string Kind, string Question, int? FirstHitRank, int? RetrievalHitRank, bool AllKeywords, bool? Fallback)
{
    public bool CitedHitAt1 => FirstHitRank == 1;

    /// <summary>The <c>questions</c> array of a result file or of one of its sections.</summary>
    public static IReadOnlyList<QuestionOutcome> Read(JsonElement questions) =>
        questions.EnumerateArray().Select(q => new QuestionOutcome(
            Text(q, "id") ?? throw new FormatException("A question in the result file has no id."),
            Text(q, "kind") ?? "",
            Text(q, "question") ?? "",
            Number(q, "first_hit_rank"),
            Number(q, "retrieval_hit_rank"),
            q.TryGetProperty("all_keywords", out var all) && all.ValueKind == JsonValueKind.True,
            q.TryGetProperty("fallback", out var fallback) && fallback.ValueKind is JsonValueKind.True or JsonValueKind.False ? fallback.GetBoolean() : null))
        .ToList();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
