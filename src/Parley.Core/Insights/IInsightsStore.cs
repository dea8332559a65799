namespace Parley.Core.Insights;

/// <summary>What a bot's visitors asked and how it went, read for its insights. Only visitor conversations (the public channel) count.</summary>
public interface IInsightsStore
{
    /// <summary>The visitor questions asked in [<paramref name="from"/>, <paramref name="until"/>), with their answers' outcomes, votes and groups.</summary>
    Task<IReadOnlyList<AskedQuestion>> ListQuestionsAsync(string botId, DateTimeOffset from, DateTimeOffset until, bool withText, CancellationToken ct = default);

    /// <summary>When each visitor conversation started in [<paramref name="from"/>, <paramref name="until"/>) began.</summary>
    Task<IReadOnlyList<DateTimeOffset>> ListConversationStartsAsync(string botId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>The texts of these questions, by message id (a question since deleted is missing).</summary>
    Task<IReadOnlyDictionary<string, string>> TextsAsync(IReadOnlyCollection<string> messageIds, CancellationToken ct = default);

    /// <summary>The text of each group's first question (its leader), by group id, where that question is still stored.</summary>
    Task<IReadOnlyDictionary<string, string>> LeaderTextsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default);
}
