namespace Parley.Core.Conversations;

public interface IFeedbackStore
{
    /// <summary>Stores the vote, replacing any earlier vote on the same message.</summary>
    Task SaveAsync(Feedback feedback, CancellationToken ct = default);

    /// <summary>The votes on the answers of one conversation.</summary>
    Task<IReadOnlyList<Feedback>> ListByConversationAsync(string conversationId, CancellationToken ct = default);

    /// <summary>The votes on the answers of a bot's conversations, for the conversation log.</summary>
    Task<IReadOnlyList<Feedback>> ListByBotAsync(string botId, CancellationToken ct = default);
}
