using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Insights;
using Parley.Core.Knowledge;

namespace Parley.Storage.Postgres;

internal sealed class PostgresInsightsStore(PostgresDatabase db) : IInsightsStore
{
    public Task<InsightsSummary> SummarizeAsync(
        string botId, DateTimeOffset from, DateTimeOffset until, int topGroups, int unanswered, int newestTexts, CancellationToken ct = default) =>
        db.ReadAsync(async c =>
        {
            // The question-answer pairing sorts every message of the range: in memory, not in files, for a year's
            // range of a busy bot too (the setting lasts for this transaction only).
            await using var tx = await c.BeginTransactionAsync(ct);
            await c.ExecuteAsync("SET LOCAL work_mem = '64MB'", transaction: tx);
            return InsightsSummary.From(await c.QueryAsync<InsightsSummaryRow>(InsightsQueries.Summary, new
            {
                botId, from = UnixTime.From(from), until = UnixTime.From(until), topGroups, unanswered, newestTexts,
            }, tx));
        }, ct);

    public Task<IReadOnlyList<AskedQuestion>> ListQuestionsAsync(string botId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AskedQuestion>>(async c => (await c.QueryAsync<QuestionRow>(
                InsightsQueries.Questions, new { botId, from = UnixTime.From(from), until = UnixTime.From(until) }))
            .Select(r => r.ToQuestion())
            .ToList(), ct);

    public Task<WrittenAnswerResult> SaveWrittenAnswerAsync(string botId, string messageId, string sourceId, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var (question, source) = await c.QuerySingleAsync<(bool, bool)>(
                InsightsQueries.WrittenAnswerTargets, new { botId, messageId, sourceId, qa = nameof(SourceType.Qa) }, tx);
            if (!question)
                return WrittenAnswerResult.NoSuchQuestion;
            if (!source)
                return WrittenAnswerResult.NoSuchSource;
            await c.ExecuteAsync(InsightsQueries.SaveWrittenAnswer, new { botId, messageId, sourceId, at = UnixTime.From(at) }, tx);
            return WrittenAnswerResult.Saved;
        }, ct);

    public Task<IReadOnlyDictionary<string, string>> LeaderTextsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyDictionary<string, string>>(async c => (await c.QueryAsync<(string Id, string Content)>(
                InsightsQueries.LeaderTexts, new { ids = groupIds.ToArray() }))
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
