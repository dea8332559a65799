namespace Parley.Core.Conversations;

public interface IConversationStore
{
    Task<Conversation?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>The bot's conversations that pass the filter, most recently active first.</summary>
    Task<IReadOnlyList<Conversation>> ListAsync(string botId, ConversationFilter filter, int limit, CancellationToken ct = default);

    /// <summary>The last <paramref name="limit"/> messages of a conversation, oldest first.</summary>
    Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, int limit, CancellationToken ct = default);

    /// <summary>
    /// Creates the conversation if it is new (with its channel and title) and appends the question and the answer;
    /// an existing conversation keeps its channel and title.
    /// </summary>
    Task SaveTurnAsync(Turn turn, CancellationToken ct = default);
}
