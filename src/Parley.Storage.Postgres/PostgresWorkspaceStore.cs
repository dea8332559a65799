using Dapper;
using Parley.Core.Workspaces;

namespace Parley.Storage.Postgres;

internal sealed class PostgresWorkspaceStore(PostgresDatabase db) : IWorkspaceStore
{
    private const string SelectWorkspace = "SELECT id, name, credits_milli, trial_ends_at, retention_days, created_at FROM workspaces";
    private const string SelectKey = "SELECT id, workspace_id, name, prefix, key_hash, created_at, last_used_at FROM api_keys";

    public Task CreateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO workspaces (id, name, credits_milli, trial_ends_at, retention_days, created_at) VALUES (@Id, @Name, @CreditsMilli, @TrialEndsAt, @RetentionDays, @CreatedAt)",
            Row.From(workspace), tx), ct);

    public Task<Workspace?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<Row>($"{SelectWorkspace} WHERE id = @id", new { id }))?.ToWorkspace(), ct);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Workspace>>(
            async c => (await c.QueryAsync<Row>($"{SelectWorkspace} ORDER BY created_at, id")).Select(r => r.ToWorkspace()).ToList(), ct);

    public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE workspaces SET name = @Name, credits_milli = @CreditsMilli, trial_ends_at = @TrialEndsAt, retention_days = @RetentionDays WHERE id = @Id",
            Row.From(workspace), tx), ct);

    // One statement: PostgreSQL re-checks the condition on the locked row, so concurrent reservations on
    // any replica queue behind each other and the balance never goes below zero; the reservation is recorded
    // only if the credits were taken.
    public Task<bool> TryReserveCreditsAsync(CreditReservation reservation, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            """
            WITH taken AS (
                UPDATE workspaces SET credits_milli = credits_milli - @milli WHERE id = @WorkspaceId AND credits_milli >= @milli RETURNING id)
            INSERT INTO credit_reservations (id, workspace_id, amount_milli, lease_until) SELECT @Id, id, @milli, @leaseUntil FROM taken
            """,
            new { reservation.Id, reservation.WorkspaceId, milli = Credits.ToMilli(reservation.Amount), leaseUntil = UnixTime.From(reservation.LeaseUntil) },
            tx) == 1, ct);

    public Task<bool> RenewCreditReservationAsync(string reservationId, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE credit_reservations SET lease_until = @leaseUntil WHERE id = @reservationId",
            new { reservationId, leaseUntil = UnixTime.From(leaseUntil) }, tx) == 1, ct);

    // Whoever deletes the reservation row refunds it: a sweeper holding it makes this wait and then find nothing.
    public Task SettleCreditsAsync(string reservationId, decimal charged, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            """
            WITH settled AS (DELETE FROM credit_reservations WHERE id = @reservationId RETURNING workspace_id, amount_milli)
            UPDATE workspaces w SET credits_milli = w.credits_milli + GREATEST(s.amount_milli - @chargedMilli, 0)
            FROM settled s WHERE w.id = s.workspace_id
            """,
            new { reservationId, chargedMilli = Credits.ToMilli(charged) }, tx), ct);

    // SKIP LOCKED: replicas sweeping at once each take different rows, and a row being settled is left to its turn.
    public Task<int> RefundExpiredCreditsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => (await c.QueryAsync<long>(
            """
            WITH expired AS (
                DELETE FROM credit_reservations WHERE id IN (
                    SELECT id FROM credit_reservations WHERE lease_until < @now ORDER BY lease_until LIMIT 500 FOR UPDATE SKIP LOCKED)
                RETURNING workspace_id, amount_milli),
            refunds AS (SELECT workspace_id, SUM(amount_milli) AS milli, COUNT(*) AS reservations FROM expired GROUP BY workspace_id)
            UPDATE workspaces w SET credits_milli = w.credits_milli + r.milli FROM refunds r WHERE w.id = r.workspace_id
            RETURNING r.reservations
            """,
            new { now = UnixTime.From(now) }, tx)).Sum(n => (int)n), ct);

    public Task CreateApiKeyAsync(ApiKey key, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, created_at) VALUES (@Id, @WorkspaceId, @Name, @Prefix, @Hash, @CreatedAt)",
            new { key.Id, key.WorkspaceId, key.Name, key.Prefix, key.Hash, CreatedAt = UnixTime.From(key.CreatedAt) }, tx), ct);

    public Task<ApiKey?> FindApiKeyByHashAsync(string hash, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<KeyRow>(
            $"{SelectKey} WHERE key_hash = @hash", new { hash }))?.ToApiKey(), ct);

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<ApiKey>>(async c => (await c.QueryAsync<KeyRow>(
            $"{SelectKey} WHERE workspace_id = @workspaceId ORDER BY created_at, id", new { workspaceId })).Select(r => r.ToApiKey()).ToList(), ct);

    public Task<bool> DeleteApiKeyAsync(string workspaceId, string keyId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "DELETE FROM api_keys WHERE id = @keyId AND workspace_id = @workspaceId", new { workspaceId, keyId }, tx) == 1, ct);

    public Task RecordApiKeyUseAsync(string keyId, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @at WHERE id = @keyId AND (last_used_at IS NULL OR last_used_at < @at)",
            new { keyId, at = UnixTime.From(at) }, tx), ct);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public long CreditsMilli { get; set; }
        public long? TrialEndsAt { get; set; }
        public int? RetentionDays { get; set; }
        public long CreatedAt { get; set; }

        public static Row From(Workspace w) => new()
        {
            Id = w.Id,
            Name = w.Name,
            CreditsMilli = Credits.ToMilli(w.Credits),
            TrialEndsAt = UnixTime.From(w.TrialEndsAt),
            RetentionDays = w.RetentionDays,
            CreatedAt = UnixTime.From(w.CreatedAt),
        };

        public Workspace ToWorkspace() =>
            new(Id, Name, Credits.FromMilli(CreditsMilli), UnixTime.To(TrialEndsAt), UnixTime.To(CreatedAt)) { RetentionDays = RetentionDays };
    }

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";
        public string WorkspaceId { get; set; } = "";
        public string? Name { get; set; }
        public string Prefix { get; set; } = "";
        public string KeyHash { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? LastUsedAt { get; set; }

        public ApiKey ToApiKey() => new(Id, WorkspaceId, Name, Prefix, KeyHash, UnixTime.To(CreatedAt), UnixTime.To(LastUsedAt));
    }
}
