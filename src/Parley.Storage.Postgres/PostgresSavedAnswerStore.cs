using Dapper;
using Parley.Core.Knowledge;
using Pgvector;

namespace Parley.Storage.Postgres;

internal sealed class PostgresSavedAnswerStore(PostgresDatabase db) : ISavedAnswerStore
{
    public Task<IReadOnlyList<SavedQuestion>> ReadSavedQuestionsAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<SavedQuestion>>(async c => (await c.QueryAsync<Row>(
                """
                SELECT s.id AS source_id, s.question, s.content AS answer, s.url, q.embedding, q.model, q.question AS embedded_question
                FROM sources s LEFT JOIN saved_questions q ON q.source_id = s.id
                WHERE s.bot_id = @botId AND s.type = 'Qa' AND s.question IS NOT NULL
                ORDER BY s.created_at, s.id
                """,
                new { botId }))
            .Select(r => new SavedQuestion(r.SourceId, r.Question, r.Answer, r.Url, Embeddings.FromVector(r.Embedding), r.Model, r.EmbeddedQuestion))
            .ToList(), ct);

    public Task StoreQuestionEmbeddingAsync(string botId, string sourceId, string question, string model, float[] embedding, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            """
            INSERT INTO saved_questions (source_id, bot_id, question, model, embedding)
            SELECT @sourceId, @botId, @question, @model, @embedding
            WHERE EXISTS (SELECT 1 FROM sources WHERE id = @sourceId AND bot_id = @botId)
            ON CONFLICT (source_id) DO UPDATE SET question = excluded.question, model = excluded.model, embedding = excluded.embedding
            """,
            new { botId, sourceId, question, model, embedding = new Vector(embedding) }, tx), ct);

    public async Task<bool> RecordHitAsync(string botId, string sourceId, DateTimeOffset at, CancellationToken ct = default) =>
        await db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE sources SET hits = hits + 1, last_hit_at = GREATEST(last_hit_at, @at) WHERE id = @sourceId AND bot_id = @botId",
            new { botId, sourceId, at = UnixTime.From(at) }, tx) == 1, ct);

    private sealed class Row
    {
        public string SourceId { get; set; } = "";
        public string Question { get; set; } = "";
        public string Answer { get; set; } = "";
        public string? Url { get; set; }
        public Vector? Embedding { get; set; }
        public string? Model { get; set; }
        public string? EmbeddedQuestion { get; set; }
    }
}
