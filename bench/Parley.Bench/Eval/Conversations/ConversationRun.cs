namespace Parley.Bench.Eval.Conversations;

/// <summary>
/// The questions asked in conversations of <paramref name="Size"/> consecutive questions: the first of each starts a
/// conversation, the others continue it with its <c>conversation_id</c> in the same session, as a visitor who keeps
/// asking in one widget does. Scored like the questions asked alone, on the citations and the answer text.
/// </summary>
internal sealed record ConversationRun(int Size, IReadOnlyList<QuestionResult> Results)
{
    public IReadOnlyList<GroupScore> Groups { get; } = GroupScore.Of(Results);

    /// <summary>The 1-based place of the result at <paramref name="index"/> in its conversation.</summary>
    public int TurnOf(int index) => (index % Size) + 1;

    public static async Task<ConversationRun> AskAsync(PublicChat chat, string botId, IReadOnlyList<EvalQuestion> questions, int size, TextWriter output)
    {
        var conversations = questions.Chunk(size).ToList();
        output.WriteLine($"Asking the {questions.Count} questions again in {conversations.Count} conversations of up to {size}:");
        var results = new List<QuestionResult>();
        foreach (var (turns, number) in conversations.Select((turns, i) => (turns, i + 1)))
        {
            var session = $"eval-conversation-{number}-{Guid.NewGuid():N}";
            string? conversationId = null;
            foreach (var question in turns)
            {
                var answer = await chat.AskAsync(botId, question.Question, session, conversationId);
                // A failed turn brings no conversation_id; the Chat API says to keep the one we had.
                conversationId = answer.ConversationId ?? conversationId;
                results.Add(QuestionResult.Score(question, answer));
            }

            if (number % 2 == 0 || number == conversations.Count)
                output.WriteLine($"  {results.Count}/{questions.Count} answered");
        }

        return new ConversationRun(size, results);
    }
}
