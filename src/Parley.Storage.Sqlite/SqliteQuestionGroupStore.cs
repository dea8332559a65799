using Dapper;
using Parley.Core.Insights;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteQuestionGroupStore(SqliteDatabase db, TimeProvider time) : IQuestionGroupStore
{
    public Task<IReadOnlyList<PendingQuestion>> ListUngroupedAsync(long afterSeq, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<PendingQuestion>>(c => c.Query<PendingQuestion>(
                """
                SELECT m.seq AS Seq, m.id AS MessageId, c.bot_id AS BotId, m.content AS Text
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.seq > @afterSeq AND m.role = 'User' AND c.channel = 'public'
                  AND NOT EXISTS (SELECT 1 FROM question_group_members g WHERE g.message_id = m.id)
                ORDER BY m.seq LIMIT @limit
                """,
                new { afterSeq, limit })
            .ToList(), ct);

    public Task<IReadOnlyList<QuestionGroup>> ListAsync(string botId, string model, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<QuestionGroup>>(c => c.Query<(string Id, string LeaderId, byte[]? Embedding, string? Terms)>(
                "SELECT id, leader_id, embedding, terms FROM question_groups WHERE bot_id = @botId AND model = @model ORDER BY created_at, id",
                new { botId, model })
            .Select(r => new QuestionGroup(r.Id, r.LeaderId, Vectors.FromBytes(r.Embedding), r.Terms?.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList(), ct);

    public Task<IReadOnlyList<(string BotId, string Model)>> ListModelsAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, string)>>(c => c.Query<(string, string)>("SELECT DISTINCT bot_id, model FROM question_groups").ToList(), ct);

    public Task<bool> SaveAsync(
        string botId, string model, IReadOnlyList<QuestionGroup> known, IReadOnlyList<QuestionGroup> groups, IReadOnlyList<QuestionMember> members,
        CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            // SQLite's single writer runs saves one at a time already.
            var (count, newest) = c.QuerySingle<(long, string?)>(
                "SELECT count(*), max(id) FROM question_groups WHERE bot_id = @botId AND model = @model", new { botId, model }, tx);
            var knownNewest = known.Count == 0 ? null : known.Select(g => g.Id).Max(StringComparer.Ordinal);
            if (count != known.Count || newest != knownNewest)
                return false;
            if (members.Count > 0 && c.QuerySingle<bool>(
                    "SELECT EXISTS (SELECT 1 FROM question_group_members WHERE message_id IN @ids)", new { ids = members.Select(m => m.MessageId).ToList() }, tx))
                return false;

            var now = UnixTime.From(time.GetUtcNow());
            c.Execute(
                """
                INSERT INTO question_groups (id, bot_id, model, leader_id, embedding, terms, created_at)
                VALUES (@Id, @botId, @model, @LeaderId, @Embedding, @Terms, @now)
                """,
                groups.Select(g => new { g.Id, botId, model, g.LeaderId, Embedding = Vectors.ToBytes(g.Embedding), Terms = g.Terms is null ? null : string.Join(' ', g.Terms), now }),
                tx);
            c.Execute(
                "INSERT INTO question_group_members (message_id, group_id, bot_id) VALUES (@MessageId, @GroupId, @botId) ON CONFLICT (message_id) DO NOTHING",
                members.Select(m => new { m.MessageId, m.GroupId, botId }),
                tx);
            return true;
        }, ct);

    public Task ForgetAsync(string botId, string model, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            """
            DELETE FROM question_group_members WHERE group_id IN (SELECT id FROM question_groups WHERE bot_id = @botId AND model = @model);
            DELETE FROM question_groups WHERE bot_id = @botId AND model = @model;
            """,
            new { botId, model }, tx), ct);
}
