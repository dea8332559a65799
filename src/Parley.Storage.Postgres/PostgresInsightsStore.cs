using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Insights;

namespace Parley.Storage.Postgres;

internal sealed class PostgresInsightsStore(PostgresDatabase db) : IInsightsStore
{
    public Task<IReadOnlyList<AskedQuestion>> ListQuestionsAsync(string botId, DateTimeOffset from, DateTimeOffset until, bool withText, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AskedQuestion>>(async c => (await c.QueryAsync<QuestionRow>(
                InsightsQueries.Questions(withText), new { botId, from = UnixTime.From(from), until = UnixTime.From(until) }))
            .Select(r => r.ToQuestion())
            .ToList(), ct);

    public Task<IReadOnlyList<DateTimeOffset>> ListConversationStartsAsync(string botId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<DateTimeOffset>>(async c => (await c.QueryAsync<long>(
                InsightsQueries.ConversationStarts, new { botId, from = UnixTime.From(from), until = UnixTime.From(until) }))
            .Select(UnixTime.To)
            .ToList(), ct);

    public Task<IReadOnlyDictionary<string, string>> TextsAsync(IReadOnlyCollection<string> messageIds, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyDictionary<string, string>>(async c => (await c.QueryAsync<(string Id, string Content)>(
                "SELECT id, content FROM messages WHERE id = ANY(@ids)", new { ids = messageIds.ToArray() }))
            .ToDictionary(r => r.Id, r => r.Content, StringComparer.Ordinal), ct);

    public Task<IReadOnlyDictionary<string, string>> LeaderTextsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyDictionary<string, string>>(async c => (await c.QueryAsync<(string Id, string Content)>(
                "SELECT g.id, m.content FROM question_groups g JOIN messages m ON m.id = g.leader_id WHERE g.id = ANY(@ids)", new { ids = groupIds.ToArray() }))
            .ToDictionary(r => r.Id, r => r.Content, StringComparer.Ordinal), ct);

    private sealed class QuestionRow
    {
        public string MessageId { get; set; } = "";
        public string ConversationId { get; set; } = "";
        public long CreatedAt { get; set; }
        public string? Outcome { get; set; }
        public long CreditsMilli { get; set; }
        public int? Rating { get; set; }
        public string? GroupId { get; set; }
        public string? Text { get; set; }

        public AskedQuestion ToQuestion() => new(
            MessageId, ConversationId, UnixTime.To(CreatedAt), Outcome, Credits.FromMilli(CreditsMilli),
            Rating is null ? null : (FeedbackRating)Rating, GroupId, Text);
    }
}
