using Dapper;
using Parley.Core.Conversations;
using Parley.Core.Insights;
using Parley.Core.Knowledge;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteInsightsStore(SqliteDatabase db) : IInsightsStore
{
    public Task<InsightsSummary> SummarizeAsync(
        string botId, DateTimeOffset from, DateTimeOffset until, int topGroups, int unanswered, int newestTexts, CancellationToken ct = default) =>
        db.ReadAsync(c =>
        {
            // One snapshot for the counts and the texts read after them.
            using var tx = c.BeginTransaction(deferred: true);
            var range = new { botId, from = UnixTime.From(from), until = UnixTime.From(until) };
            var tally = new InsightsTally(newestTexts);
            using (var reader = c.ExecuteReader(InsightsQueries.Tally, range, tx))
            {
                while (reader.Read())
                {
                    tally.Add(
                        reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetInt32(5), reader.GetInt64(6) != 0, reader.GetInt32(3), reader.GetInt64(4));
                }
            }

            var days = tally.Days.ToDictionary();
            foreach (var (day, count) in c.Query<(long, long)>(InsightsQueries.ConversationDays, range, tx))
            {
                days[day] = (days.GetValueOrDefault(day) ?? new DayActivity(InsightsSummary.DayOf(day), 0, 0, 0, 0, 0, 0, 0)) with
                {
                    Conversations = (int)count,
                };
            }

            var top = tally.Top(topGroups);
            var rows = tally.NewestUnanswered(unanswered);
            var shown = top.Select(g => g.Key).Concat(rows.Select(u => u.GroupKey)).Distinct(StringComparer.Ordinal).Select(tally.GroupOf).ToList();
            var topKeys = top.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<(long At, string Id)> Newest(InsightsTally.Group group) => topKeys.Contains(group.Key) ? group.Newest : group.Newest[..1];

            var ids = shown.SelectMany(g => Newest(g).Select(n => n.Id)).Concat(rows.Select(u => u.MessageId!)).Distinct(StringComparer.Ordinal).ToList();
            var messages = ids.Count == 0
                ? new Dictionary<string, (string ConversationId, string Content)>(StringComparer.Ordinal)
                : c.Query<(string Id, string ConversationId, string Content)>(InsightsQueries.Messages, new { ids }, tx)
                    .ToDictionary(m => m.Id, m => (m.ConversationId, m.Content), StringComparer.Ordinal);
            var grouped = shown.Where(g => g.Grouped).Select(g => g.Key).ToList();
            var leaders = grouped.Count == 0
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : c.Query<(string Id, string Content)>(InsightsQueries.LeaderTexts, new { ids = grouped }, tx).ToDictionary(r => r.Id, r => r.Content, StringComparer.Ordinal);
            List<(string SourceId, string GroupKey, long CreatedAt)> written = rows.Count == 0
                ? []
                : c.Query<(string SourceId, string GroupKey, long CreatedAt)>(InsightsQueries.WrittenAnswers, new { botId }, tx).ToList();

            return new InsightsSummary(
                days.Values.ToList(),
                top.Select(g => new GroupActivity(g.Key, g.Grouped, g.Count, g.Answered)).ToList(),
                rows.Select(u => new UnansweredGroup(
                        u.GroupKey, u.Grouped, u.Reason, u.Count, u.MessageId!, messages.GetValueOrDefault(u.MessageId!).ConversationId ?? "",
                        UnixTime.To(u.AskedAt),
                        written.Where(w => w.GroupKey == u.GroupKey && w.CreatedAt >= u.AskedAt).OrderByDescending(w => w.CreatedAt)
                            .Select(w => w.SourceId).FirstOrDefault()))
                    .ToList(),
                shown.ToDictionary(
                    g => g.Key,
                    g => new ShownGroup(
                        leaders.GetValueOrDefault(g.Key),
                        Newest(g).Where(n => messages.ContainsKey(n.Id)).Select(n => messages[n.Id].Content).ToList()),
                    StringComparer.Ordinal));
        }, ct);

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
