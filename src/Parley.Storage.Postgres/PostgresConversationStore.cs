using System.Text.Json;
using Dapper;
using Npgsql;
using Parley.Core.Conversations;

namespace Parley.Storage.Postgres;

internal sealed class PostgresConversationStore(PostgresDatabase db) : IConversationStore
{
    private const string ConversationColumns = "id, bot_id, session_id, channel, title, created_at, updated_at";

    public Task<Conversation?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<ConversationRow>(
            $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", new { id }))?.ToConversation(), ct);

    public Task<IReadOnlyList<Conversation>> ListAsync(string botId, ConversationFilter filter, int limit, CancellationToken ct = default)
    {
        var channels = filter.Channels?.Select(Channels.ToText).ToArray();
        var where = (channels is null ? "" : " AND c.channel = ANY(@channels)") +
            (filter.Feedback is null ? "" : " AND EXISTS (SELECT 1 FROM feedback f WHERE f.conversation_id = c.id AND f.rating = @rating)");
        return db.ReadAsync<IReadOnlyList<Conversation>>(async c => (await c.QueryAsync<ConversationRow>(
                $"""
                SELECT {ConversationColumns} FROM conversations c
                WHERE c.bot_id = @botId{where} ORDER BY c.updated_at DESC, c.id LIMIT @limit
                """,
                new { botId, channels, rating = (int?)filter.Feedback, limit }))
            .Select(r => r.ToConversation())
            .ToList(), ct);
    }

    public Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Message>>(async c => (await c.QueryAsync<MessageRow>(
                """
                SELECT * FROM (
                    SELECT seq, id, conversation_id, role, content, citations, interrupted, input_tokens, output_tokens, credits_milli, failure, outcome, saved_answer_source_id, created_at
                    FROM messages
                    WHERE conversation_id = @conversationId ORDER BY seq DESC LIMIT @limit) AS latest
                ORDER BY seq
                """,
                new { conversationId, limit }))
            .Select(r => r.ToMessage())
            .ToList(), ct);

    public Task SaveTurnAsync(Turn turn, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var conversation = turn.Conversation;
            await c.ExecuteAsync(
                """
                INSERT INTO conversations (id, bot_id, session_id, channel, title, created_at, updated_at)
                VALUES (@Id, @BotId, @SessionId, @Channel, @Title, @CreatedAt, @UpdatedAt)
                ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
                """,
                new
                {
                    conversation.Id,
                    conversation.BotId,
                    conversation.SessionId,
                    Channel = Channels.ToText(conversation.Channel),
                    conversation.Title,
                    CreatedAt = UnixTime.From(conversation.CreatedAt),
                    UpdatedAt = UnixTime.From(turn.Answer.CreatedAt),
                },
                tx);
            await InsertAsync(c, tx, turn.Question, new TurnUsage(0, 0, 0));
            await InsertAsync(c, tx, turn.Answer, turn.Usage);
        }, ct);

    // SKIP LOCKED: servers sweeping at once each take different conversations, and one being saved is left for the next sweep.
    public Task<DeletedConversations> DeleteInactiveAsync(string workspaceId, DateTimeOffset before, int limit, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await ConversationDeletion.DeleteAsync(c, tx, (await c.QueryAsync<string>(
            """
            SELECT c.id FROM conversations c JOIN bots b ON b.id = c.bot_id
            WHERE b.workspace_id = @workspaceId AND c.updated_at < @before ORDER BY c.updated_at LIMIT @limit
            FOR UPDATE OF c SKIP LOCKED
            """,
            new { workspaceId, before = UnixTime.From(before), limit }, tx)).ToList()), ct);

    public Task<IReadOnlyList<string>> ListSessionConversationsAsync(string workspaceId, string sessionId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<string>>(async c => (await c.QueryAsync<string>(
            """
            SELECT c.id FROM conversations c JOIN bots b ON b.id = c.bot_id
            WHERE c.session_id = @sessionId AND b.workspace_id = @workspaceId ORDER BY c.created_at, c.id
            """,
            new { workspaceId, sessionId })).ToList(), ct);

    public Task<DeletedConversations> DeleteAsync(IReadOnlyList<string> conversationIds, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => ConversationDeletion.DeleteAsync(c, tx, conversationIds), ct);

    private static Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Message m, TurnUsage usage) =>
        c.ExecuteAsync(
            """
            INSERT INTO messages (id, conversation_id, role, content, citations, interrupted, input_tokens, output_tokens, credits_milli, failure, outcome, saved_answer_source_id, created_at)
            VALUES (@Id, @ConversationId, @Role, @Content, @Citations, @Interrupted, @InputTokens, @OutputTokens, @CreditsMilli, @Failure, @Outcome, @SavedAnswerSourceId, @CreatedAt)
            """,
            new
            {
                m.Id,
                m.ConversationId,
                Role = m.Role.ToString(),
                m.Content,
                Citations = m.Citations.Count == 0 ? null : JsonSerializer.Serialize(m.Citations, StorageJson.Options),
                m.Interrupted,
                usage.InputTokens,
                usage.OutputTokens,
                CreditsMilli = Credits.ToMilli(usage.Credits),
                Failure = m.Failure is null ? null : JsonSerializer.Serialize(m.Failure, StorageJson.Options),
                m.Outcome,
                m.SavedAnswerSourceId,
                CreatedAt = UnixTime.From(m.CreatedAt),
            },
            tx);

    private sealed class ConversationRow
    {
        public string Id { get; set; } = "";
        public string BotId { get; set; } = "";
        public string SessionId { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Title { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public Conversation ToConversation() => new(Id, BotId, SessionId, UnixTime.To(CreatedAt), UnixTime.To(UpdatedAt))
        {
            Channel = Channels.FromText(Channel),
            Title = Title,
        };
    }

    private sealed class MessageRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string Role { get; set; } = "";
        public string Content { get; set; } = "";
        public string? Citations { get; set; }
        public bool Interrupted { get; set; }
        public int InputTokens { get; set; }
        public int OutputTokens { get; set; }
        public long CreditsMilli { get; set; }
        public string? Failure { get; set; }
        public string? Outcome { get; set; }
        public string? SavedAnswerSourceId { get; set; }
        public long CreatedAt { get; set; }

        public Message ToMessage() => new(
            Id,
            ConversationId,
            Enum.Parse<MessageRole>(Role),
            Content,
            Citations is null ? [] : JsonSerializer.Deserialize<List<Citation>>(Citations, StorageJson.Options)!,
            Interrupted,
            UnixTime.To(CreatedAt))
        {
            Usage = Role == nameof(MessageRole.Assistant)
                ? new TurnUsage(InputTokens, OutputTokens, Credits.FromMilli(CreditsMilli))
                : null,
            Failure = Failure is null ? null : JsonSerializer.Deserialize<AnswerFailure>(Failure, StorageJson.Options),
            Outcome = Outcome,
            SavedAnswerSourceId = SavedAnswerSourceId,
        };
    }
}
