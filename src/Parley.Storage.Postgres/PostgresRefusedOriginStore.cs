using Dapper;
using Parley.Core.Bots;

namespace Parley.Storage.Postgres;

internal sealed class PostgresRefusedOriginStore(PostgresDatabase db) : IRefusedOriginStore
{
    // Replicas add their counts at the same time: each writes its rows in the same order, so none waits on another in a cycle.
    public Task AddAsync(IReadOnlyList<RefusedOrigin> counts, int keepEach, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var ordered = counts.OrderBy(r => r.BotId, StringComparer.Ordinal).ThenBy(r => r.Origin, StringComparer.Ordinal).ToList();
            await c.ExecuteAsync(
                """
                INSERT INTO refused_origins (bot_id, origin, refusals, last_seen)
                SELECT @BotId, @Origin, @Refusals, @LastSeen WHERE EXISTS (SELECT 1 FROM bots WHERE id = @BotId)
                ON CONFLICT (bot_id, origin) DO UPDATE
                SET refusals = refused_origins.refusals + excluded.refusals, last_seen = GREATEST(refused_origins.last_seen, excluded.last_seen)
                """,
                ordered.Select(r => new { r.BotId, r.Origin, r.Refusals, LastSeen = UnixTime.From(r.LastSeen) }), tx);
            await c.ExecuteAsync(
                """
                DELETE FROM refused_origins WHERE bot_id = @botId
                  AND origin NOT IN (SELECT origin FROM refused_origins WHERE bot_id = @botId ORDER BY refusals DESC, origin LIMIT @keepEach)
                  AND origin NOT IN (SELECT origin FROM refused_origins WHERE bot_id = @botId ORDER BY last_seen DESC, origin LIMIT @keepEach)
                """,
                ordered.Select(r => r.BotId).Distinct().Select(botId => new { botId, keepEach }), tx);
        }, ct);

    public Task<IReadOnlyList<RefusedOrigin>> ListAsync(string botId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<RefusedOrigin>>(async c => (await c.QueryAsync<Row>(
                "SELECT bot_id, origin, refusals, last_seen FROM refused_origins WHERE bot_id = @botId ORDER BY refusals DESC, last_seen DESC, origin",
                new { botId }))
            .Select(r => r.ToRefusedOrigin()).ToList(), ct);

    private sealed class Row
    {
        public string BotId { get; set; } = "";
        public string Origin { get; set; } = "";
        public long Refusals { get; set; }
        public long LastSeen { get; set; }

        public RefusedOrigin ToRefusedOrigin() => new(BotId, Origin, Refusals, UnixTime.To(LastSeen));
    }
}
