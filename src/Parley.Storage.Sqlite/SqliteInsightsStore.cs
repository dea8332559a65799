using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Insights;
using Parley.Core.Knowledge;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteInsightsStore(SqliteDatabase db) : IInsightsStore
{
    public Task<InsightsSummary> SummarizeAsync(
        string botId, DateTimeOffset from, DateTimeOffset until, int topGroups, int unanswered, int newestTexts, CancellationToken ct = default) =>
        db.ReadAsync(c => InsightsSummary.From(c.Query<InsightsSummaryRow>(InsightsQueries.Summary, new
        {
            botId, from = UnixTime.From(from), until = UnixTime.From(until), topGroups, unanswered, newestTexts,
        })), ct);

    public Task<IReadOnlyList<AskedQuestion>> ListQuestionsAsync(string botId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AskedQuestion>>(c => c.Query<QuestionRow>(
                InsightsQueries.Questions, new { botId, from = UnixTime.From(from), until = UnixTime.From(until) })
            .Select(r => r.ToQuestion())
            .ToList(), ct);

    public Task<WrittenAnswerResult> SaveWrittenAnswerAsync(string botId, string messageId, string sourceId, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var (question, source) = c.QuerySingle<(bool, bool)>(
                InsightsQueries.WrittenAnswerTargets, new { botId, messageId, sourceId, qa = nameof(SourceType.Qa) }, tx);
            if (!question)
                return WrittenAnswerResult.NoSuchQuestion;
            if (!source)
                return WrittenAnswerResult.NoSuchSource;
            c.Execute(InsightsQueries.SaveWrittenAnswer, new { botId, messageId, sourceId, at = UnixTime.From(at) }, tx);
            return WrittenAnswerResult.Saved;
        }, ct);

    public Task<IReadOnlyDictionary<string, string>> LeaderTextsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct = default) =>
        groupIds.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>())
            : db.ReadAsync<IReadOnlyDictionary<string, string>>(c => c.Query<(string Id, string Content)>(InsightsQueries.LeaderTexts, new { ids = groupIds })
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
