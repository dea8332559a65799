using System.Text.Json;

namespace Parley.Bench.Eval;

/// <summary>
/// One line of a question file (JSON Lines): what a visitor asks, the pages that answer it, words a correct answer
/// contains, and whether it uses the documentation's own terms (<c>lexical</c>) or the visitor's (<c>paraphrased</c>).
/// </summary>
internal sealed record EvalQuestion(string Id, string Question, IReadOnlyList<string> GoldPages, IReadOnlyList<string> AnswerKeywords, string Kind)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="path">The file.</param>
    /// <param name="requireGoldPages">False for questions nothing answers, whose <c>gold_pages</c> is empty.</param>
    public static IReadOnlyList<EvalQuestion> ReadJsonLines(string path, bool requireGoldPages = true)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var question = JsonSerializer.Deserialize<EvalQuestion>(line, Json);
            if (question is null || string.IsNullOrWhiteSpace(question.Id) || string.IsNullOrWhiteSpace(question.Question)
                || question.GoldPages is null || (requireGoldPages && question.GoldPages.Count == 0) || question.AnswerKeywords is null || string.IsNullOrWhiteSpace(question.Kind))
                throw new FormatException($"{path}:{lineNumber}: a question needs id, question, gold_pages, answer_keywords and kind.");
            questions.Add(question);
        }

        return questions.Count > 0 ? questions : throw new FormatException($"{path} holds no questions.");
    }
}
