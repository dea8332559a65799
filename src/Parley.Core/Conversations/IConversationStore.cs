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

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the workspace's conversations whose last message is older than
    /// <paramref name="before"/>, with everything stored about them; fewer than the limit means none are left.
    /// Servers running this at once never delete a conversation twice or wait on each other.
    /// </summary>
    Task<DeletedConversations> DeleteInactiveAsync(string workspaceId, DateTimeOffset before, int limit, CancellationToken ct = default);

    /// <summary>The ids of the conversations a session held with the workspace's bots.</summary>
    Task<IReadOnlyList<string>> ListSessionConversationsAsync(string workspaceId, string sessionId, CancellationToken ct = default);

    /// <summary>Deletes the conversations with everything stored about them: messages, feedback and what was derived from them.</summary>
    Task<DeletedConversations> DeleteAsync(IReadOnlyList<string> conversationIds, CancellationToken ct = default);
}
