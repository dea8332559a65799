using Dapper;
using Parley.Core.Conversations;

namespace Parley.Storage.Postgres;

internal sealed class PostgresFeedbackStore(PostgresDatabase db) : IFeedbackStore
{
    private const string Columns = "message_id, conversation_id, bot_id, rating, created_at";

    public Task SaveAsync(Feedback feedback, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            $"""
            INSERT INTO feedback ({Columns}) VALUES (@MessageId, @ConversationId, @BotId, @Rating, @CreatedAt)
            ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at
            """,
            new { feedback.MessageId, feedback.ConversationId, feedback.BotId, Rating = (int)feedback.Rating, CreatedAt = UnixTime.From(feedback.CreatedAt) },
            tx), ct);

    public Task<IReadOnlyList<Feedback>> ListByConversationAsync(string conversationId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Feedback>>(async c => (await c.QueryAsync<FeedbackRow>(
                $"SELECT {Columns} FROM feedback WHERE conversation_id = @conversationId", new { conversationId }))
            .Select(r => r.ToFeedback()).ToList(), ct);

    public Task<IReadOnlyList<Feedback>> ListByBotAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Feedback>>(async c => (await c.QueryAsync<FeedbackRow>(
                $"SELECT {Columns} FROM feedback WHERE bot_id = @botId", new { botId }))
            .Select(r => r.ToFeedback()).ToList(), ct);

    private sealed class FeedbackRow
    {
        public string MessageId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public string BotId { get; set; } = "";
        public int Rating { get; set; }
        public long CreatedAt { get; set; }

        public Feedback ToFeedback() => new(MessageId, ConversationId, BotId, (FeedbackRating)Rating, UnixTime.To(CreatedAt));
    }
}
