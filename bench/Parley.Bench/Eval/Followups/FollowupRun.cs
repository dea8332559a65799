namespace Parley.Bench.Eval.Followups;

/// <summary>
/// Each pair asked in one conversation of its own; only the follow-up's answer is scored, on its citations and text,
/// because the point is whether the follow-up stays on the topic the first question set.
/// </summary>
internal sealed record FollowupRun(string QuestionFile, IReadOnlyList<FollowupQuestion> Pairs, IReadOnlyList<QuestionResult> Results)
{
    public IReadOnlyList<GroupScore> Groups { get; } = GroupScore.Of(Results);

    public static async Task<FollowupRun> AskAsync(PublicChat chat, string botId, string questionFile, IReadOnlyList<FollowupQuestion> pairs, TextWriter output)
    {
        output.WriteLine($"Asking {pairs.Count} follow-up pairs from {questionFile}, each pair in a conversation of its own:");
        var results = new List<QuestionResult>();
        foreach (var pair in pairs)
        {
            var session = $"eval-{pair.Id}-{Guid.NewGuid():N}";
            var first = await chat.AskAsync(botId, pair.First, session);
            var answer = first.ConversationId is { } conversationId
                ? await chat.AskAsync(botId, pair.Question, session, conversationId)
                : ChatAnswer.Failed($"the first question failed: {first.Error}", "", first.Elapsed);
            results.Add(QuestionResult.Score(pair.FollowUp, answer));
            if (results.Count % 10 == 0 || results.Count == pairs.Count)
                output.WriteLine($"  {results.Count}/{pairs.Count} answered");
        }

        return new FollowupRun(questionFile, pairs, results);
    }
}
