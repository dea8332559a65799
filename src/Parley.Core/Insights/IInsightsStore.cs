namespace Parley.Core.Insights;

/// <summary>What a bot's visitors asked and how it went, read for its insights. Only visitor conversations (the public channel) count.</summary>
public interface IInsightsStore
{
    /// <summary>
    /// The counts, groups and unanswered questions of the visitor questions asked in [<paramref name="from"/>,
    /// <paramref name="until"/>), counted by the database: at most <paramref name="topGroups"/> groups and
    /// <paramref name="unanswered"/> unanswered rows, with up to <paramref name="newestTexts"/> newest texts of each top group
    /// (one of a group shown only as unanswered).
    /// </summary>
    /// <remarks>
    /// A question is answered when its answer's outcome answers it (<c>answered</c>, <c>saved_answer</c>) and it is not
    /// voted down; it is not answered well for its outcome (<c>no_knowledge</c>, <c>declined</c>, <c>filtered</c>,
    /// <c>failed</c>) or, answered, for a vote down (<c>thumbs_down</c>); a question with no answer or an interrupted
    /// one is neither. An answer stored before outcomes were kept is read by what is stored.
    /// </remarks>
    Task<InsightsSummary> SummarizeAsync(
        string botId, DateTimeOffset from, DateTimeOffset until, int topGroups, int unanswered, int newestTexts, CancellationToken ct = default);

    /// <summary>The visitor questions asked in [<paramref name="from"/>, <paramref name="until"/>) with their texts, answers' outcomes, votes and groups, oldest first.</summary>
    Task<IReadOnlyList<AskedQuestion>> ListQuestionsAsync(string botId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>
    /// Records that the Q&amp;A source was written as the answer to the visitor question (a question of the bot's
    /// visitors, a Q&amp;A source of the bot; otherwise nothing is recorded). Recording it again moves its time.
    /// </summary>
    Task<WrittenAnswerResult> SaveWrittenAnswerAsync(string botId, string messageId, string sourceId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The text of each group's first question (its leader), by group id, where that question is still stored.</summary>
    Task<IReadOnlyDictionary<string, string>> LeaderTextsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default);
}
