using System.Text.Json;

namespace Parley.Bench.Eval.Followups;

/// <summary>
/// One line of a follow-up file (JSON Lines): a first question, then the follow-up that only makes sense after it, with
/// the gold pages and keywords of the follow-up's answer.
/// </summary>
internal sealed record FollowupQuestion(string Id, string First, string Question, IReadOnlyList<string> GoldPages, IReadOnlyList<string> AnswerKeywords, string Kind)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The follow-up as a question to score: its own text, gold pages and keywords.</summary>
    public EvalQuestion FollowUp => new(Id, Question, GoldPages, AnswerKeywords, Kind);

    public static IReadOnlyList<FollowupQuestion> ReadJsonLines(string path)
    {
        var pairs = new List<FollowupQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var pair = JsonSerializer.Deserialize<FollowupQuestion>(line, Json);
            if (pair is null || string.IsNullOrWhiteSpace(pair.Id) || string.IsNullOrWhiteSpace(pair.First) || string.IsNullOrWhiteSpace(pair.Question)
                || pair.GoldPages is not { Count: > 0 } || pair.AnswerKeywords is null || string.IsNullOrWhiteSpace(pair.Kind))
                throw new FormatException($"{path}:{lineNumber}: a follow-up needs id, first, question, gold_pages, answer_keywords and kind.");
            pairs.Add(pair);
        }

        return pairs.Count > 0 ? pairs : throw new FormatException($"{path} holds no follow-ups.");
    }
}
