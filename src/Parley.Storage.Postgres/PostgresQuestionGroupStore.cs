using Dapper;
using Parley.Core.Insights;
using Pgvector;

namespace Parley.Storage.Postgres;

internal sealed class PostgresQuestionGroupStore(PostgresDatabase db, TimeProvider time) : IQuestionGroupStore
{
    public Task<IReadOnlyList<PendingQuestion>> ListUngroupedAsync(long afterSeq, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<PendingQuestion>>(async c => (await c.QueryAsync<PendingQuestion>(
                """
                SELECT m.seq AS Seq, m.id AS MessageId, c.bot_id AS BotId, m.content AS Text
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.seq > @afterSeq AND m.role = 'User' AND c.channel = 'public'
                  AND NOT EXISTS (SELECT 1 FROM question_group_members g WHERE g.message_id = m.id)
                ORDER BY m.seq LIMIT @limit
                """,
                new { afterSeq, limit }))
            .ToList(), ct);

    public Task<IReadOnlyList<QuestionGroup>> ListAsync(string botId, string model, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<QuestionGroup>>(async c => (await c.QueryAsync<GroupRow>(
                "SELECT id, leader_id, embedding, terms FROM question_groups WHERE bot_id = @botId AND model = @model ORDER BY created_at, id",
                new { botId, model }))
            .Select(r => new QuestionGroup(r.Id, r.LeaderId, Embeddings.FromVector(r.Embedding), r.Terms?.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList(), ct);

    public Task<IReadOnlyList<(string BotId, string Model)>> ListModelsAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, string)>>(async c => (await c.QueryAsync<(string, string)>("SELECT DISTINCT bot_id, model FROM question_groups")).ToList(), ct);

    public Task<bool> SaveAsync(
        string botId, string model, IReadOnlyList<QuestionGroup> known, IReadOnlyList<QuestionGroup> groups, IReadOnlyList<QuestionMember> members,
        CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            // Concurrent saves of one bot and model (replicas) wait here, each then seeing what the other stored.
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('parley.question_groups:' || @botId || ':' || @model, 0))", new { botId, model }, tx);
            var (count, newest) = await c.QuerySingleAsync<(long, string?)>(
                """SELECT count(*), max(id COLLATE "C") FROM question_groups WHERE bot_id = @botId AND model = @model""", new { botId, model }, tx);
            var knownNewest = known.Count == 0 ? null : known.Select(g => g.Id).Max(StringComparer.Ordinal);
            if (count != known.Count || newest != knownNewest)
                return false;
            if (members.Count > 0 && await c.QuerySingleAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM question_group_members WHERE message_id = ANY(@ids))", new { ids = members.Select(m => m.MessageId).ToArray() }, tx))
                return false;

            var now = UnixTime.From(time.GetUtcNow());
            await c.ExecuteAsync(
                """
                INSERT INTO question_groups (id, bot_id, model, leader_id, embedding, terms, created_at)
                VALUES (@Id, @botId, @model, @LeaderId, @Embedding, @Terms, @now)
                """,
                groups.Select(g => new { g.Id, botId, model, g.LeaderId, Embedding = Embeddings.ToVector(g.Embedding), Terms = g.Terms is null ? null : string.Join(' ', g.Terms), now }),
                tx);
            await c.ExecuteAsync(
                "INSERT INTO question_group_members (message_id, group_id, bot_id) VALUES (@MessageId, @GroupId, @botId) ON CONFLICT (message_id) DO NOTHING",
                members.Select(m => new { m.MessageId, m.GroupId, botId }),
                tx);
            return true;
        }, ct);

    public Task ForgetAsync(string botId, string model, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            """
            DELETE FROM question_group_members WHERE group_id IN (SELECT id FROM question_groups WHERE bot_id = @botId AND model = @model);
            DELETE FROM question_groups WHERE bot_id = @botId AND model = @model;
            """,
            new { botId, model }, tx), ct);

    private sealed class GroupRow
    {
        public string Id { get; set; } = "";
        public string LeaderId { get; set; } = "";
        public Vector? Embedding { get; set; }
        public string? Terms { get; set; }
    }
}
