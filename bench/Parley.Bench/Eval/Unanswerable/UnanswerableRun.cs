namespace Parley.Bench.Eval.Unanswerable;

/// <summary>The <c>--unanswerable</c> questions, each asked in a new session, with the share that got the honest fallback.</summary>
internal sealed record UnanswerableRun(string QuestionFile, IReadOnlyList<UnanswerableResult> Results)
{
    public double FallbackShare => Results.Count == 0 ? 0 : Results.Count(r => r.IsFallback) / (double)Results.Count;

    public IReadOnlyList<UnanswerableResult> Confident => Results.Where(r => r.Confident).ToList();

    public static async Task<UnanswerableRun> AskAsync(PublicChat chat, string botId, string questionFile, IReadOnlyList<EvalQuestion> questions, TextWriter output)
    {
        output.WriteLine($"Asking {questions.Count} unanswerable questions from {questionFile}, each in a new session:");
        var results = new List<UnanswerableResult>();
        foreach (var question in questions)
        {
            var answer = await chat.AskAsync(botId, question.Question, $"eval-{question.Id}-{Guid.NewGuid():N}");
            results.Add(new UnanswerableResult(question, answer));
            if (results.Count % 10 == 0 || results.Count == questions.Count)
                output.WriteLine($"  {results.Count}/{questions.Count} answered");
        }

        return new UnanswerableRun(questionFile, results);
    }
}
