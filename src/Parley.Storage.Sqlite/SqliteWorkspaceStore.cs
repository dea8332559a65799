using Dapper;
using Parley.Core.Workspaces;

namespace Parley.Storage.Sqlite;

internal sealed class SqliteWorkspaceStore(SqliteDatabase db) : IWorkspaceStore
{
    private const string SelectWorkspace = "SELECT id, name, credits_milli, trial_ends_at, retention_days, created_at FROM workspaces";
    private const string SelectKey = "SELECT id, workspace_id, name, prefix, key_hash, created_at, last_used_at FROM api_keys";

    public Task CreateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO workspaces (id, name, credits_milli, trial_ends_at, retention_days, created_at) VALUES (@Id, @Name, @CreditsMilli, @TrialEndsAt, @RetentionDays, @CreatedAt)",
            Row.From(workspace), tx), ct);

    public Task<Workspace?> GetAsync(string id, CancellationToken ct = default) =>
        db.ReadAsync(c => c.QuerySingleOrDefault<Row>($"{SelectWorkspace} WHERE id = @id", new { id })?.ToWorkspace(), ct);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Workspace>>(
            c => c.Query<Row>($"{SelectWorkspace} ORDER BY created_at, id").Select(r => r.ToWorkspace()).ToList(), ct);

    public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE workspaces SET name = @Name, credits_milli = @CreditsMilli, trial_ends_at = @TrialEndsAt, retention_days = @RetentionDays WHERE id = @Id",
            Row.From(workspace), tx), ct);

    // The one writer runs each write alone, so the balance check, the deduction and the record are one step.
    public Task<bool> TryReserveCreditsAsync(CreditReservation reservation, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var milli = Credits.ToMilli(reservation.Amount);
            if (c.Execute(
                    "UPDATE workspaces SET credits_milli = credits_milli - @milli WHERE id = @WorkspaceId AND credits_milli >= @milli",
                    new { reservation.WorkspaceId, milli }, tx) == 0)
                return false;
            c.Execute(
                "INSERT INTO credit_reservations (id, workspace_id, amount_milli, lease_until) VALUES (@Id, @WorkspaceId, @milli, @leaseUntil)",
                new { reservation.Id, reservation.WorkspaceId, milli, leaseUntil = UnixTime.From(reservation.LeaseUntil) }, tx);
            return true;
        }, ct);

    public Task<bool> RenewCreditReservationAsync(string reservationId, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE credit_reservations SET lease_until = @leaseUntil WHERE id = @reservationId",
            new { reservationId, leaseUntil = UnixTime.From(leaseUntil) }, tx) == 1, ct);

    public Task SettleCreditsAsync(string reservationId, decimal charged, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var held = c.QuerySingleOrDefault<Held>(
                "SELECT workspace_id, amount_milli FROM credit_reservations WHERE id = @reservationId", new { reservationId }, tx);
            if (held is null)
                return;
            c.Execute("DELETE FROM credit_reservations WHERE id = @reservationId", new { reservationId }, tx);
            c.Execute(
                "UPDATE workspaces SET credits_milli = credits_milli + @milli WHERE id = @WorkspaceId",
                new { held.WorkspaceId, milli = Math.Max(held.AmountMilli - Credits.ToMilli(charged), 0) }, tx);
        }, ct);

    public Task<int> RefundExpiredCreditsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var args = new { now = UnixTime.From(now) };
            c.Execute(
                """
                UPDATE workspaces SET credits_milli = credits_milli + (
                    SELECT SUM(amount_milli) FROM credit_reservations r WHERE r.workspace_id = workspaces.id AND r.lease_until < @now)
                WHERE id IN (SELECT workspace_id FROM credit_reservations WHERE lease_until < @now)
                """, args, tx);
            return c.Execute("DELETE FROM credit_reservations WHERE lease_until < @now", args, tx);
        }, ct);

    public Task CreateApiKeyAsync(ApiKey key, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, created_at) VALUES (@Id, @WorkspaceId, @Name, @Prefix, @Hash, @CreatedAt)",
            new { key.Id, key.WorkspaceId, key.Name, key.Prefix, key.Hash, CreatedAt = UnixTime.From(key.CreatedAt) }, tx), ct);

    public Task<ApiKey?> FindApiKeyByHashAsync(string hash, CancellationToken ct = default) =>
        db.ReadAsync(c => c.QuerySingleOrDefault<KeyRow>(
            $"{SelectKey} WHERE key_hash = @hash", new { hash })?.ToApiKey(), ct);

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<ApiKey>>(c => c.Query<KeyRow>(
            $"{SelectKey} WHERE workspace_id = @workspaceId ORDER BY created_at, id", new { workspaceId }).Select(r => r.ToApiKey()).ToList(), ct);

    public Task<bool> DeleteApiKeyAsync(string workspaceId, string keyId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM api_keys WHERE id = @keyId AND workspace_id = @workspaceId", new { workspaceId, keyId }, tx) == 1, ct);

    public Task RecordApiKeyUseAsync(string keyId, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "UPDATE api_keys SET last_used_at = @at WHERE id = @keyId AND (last_used_at IS NULL OR last_used_at < @at)",
            new { keyId, at = UnixTime.From(at) }, tx), ct);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public long CreditsMilli { get; set; }
        public long? TrialEndsAt { get; set; }
        public long? RetentionDays { get; set; }
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
            new(Id, Name, Credits.FromMilli(CreditsMilli), UnixTime.To(TrialEndsAt), UnixTime.To(CreatedAt)) { RetentionDays = (int?)RetentionDays };
    }

    private sealed class Held
    {
        public string WorkspaceId { get; set; } = "";
        public long AmountMilli { get; set; }
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
