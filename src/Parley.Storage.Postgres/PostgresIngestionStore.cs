using Dapper;
using Npgsql;
using Parley.Core.Knowledge;

namespace Parley.Storage.Postgres;

/// <summary>
/// The ingestion queue shared by every replica's workers. A claim locks the job row it takes with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers never take the same job and never wait on each
/// other; a job whose lease ran out (its worker died) is claimable again. Writes that could race across
/// replicas on one source (pages, frontier) lock the source's row first.
/// </summary>
internal sealed class PostgresIngestionStore(PostgresDatabase db, TimeProvider time, ChunkStatistics statistics) : IIngestionStore
{
    public Task EnqueueAsync(string sourceId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => EnqueueAsync(c, tx, sourceId, time.GetUtcNow()), ct);

    public Task<IngestionJob?> ClaimAsync(string worker, TimeSpan lease, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = UnixTime.From(time.GetUtcNow());
            var job = await c.QueryFirstOrDefaultAsync<JobRow>(
                """
                UPDATE jobs SET status = 'running', worker = @worker, lease_until = @until, attempt = attempt + 1
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE status = 'queued' OR (status = 'running' AND lease_until < @now)
                    ORDER BY created_at LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, source_id, bot_id, attempt
                """,
                new { worker, now, until = now + (long)lease.TotalMilliseconds }, tx);
            if (job is null)
                return null;
            await c.ExecuteAsync("UPDATE sources SET status = 'Running', error = NULL WHERE id = @SourceId", new { job.SourceId }, tx);
            return new IngestionJob(job.Id, job.SourceId, job.BotId, job.Attempt);
        }, ct);

    public Task<bool> RenewAsync(IngestionJob job, string worker, TimeSpan lease, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE jobs SET lease_until = @until WHERE id = @Id AND worker = @worker AND status = 'running'",
            new { job.Id, worker, until = UnixTime.From(time.GetUtcNow()) + (long)lease.TotalMilliseconds }, tx) == 1, ct);

    public Task FinishAsync(IngestionJob job, string? error, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM jobs WHERE id = @Id", new { job.Id }, tx);
            await c.ExecuteAsync(
                "UPDATE sources SET status = @status, error = @error, last_synced_at = @now, updated_at = @now WHERE id = @SourceId",
                new { job.SourceId, status = error is null ? "Ready" : "Failed", error, now = UnixTime.From(now) }, tx);
        }, ct);

    public Task<int> EnqueueDueAsync(DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var due = (await c.QueryAsync<string>(
                """
                SELECT id FROM sources
                WHERE sync_interval_seconds IS NOT NULL AND status IN ('Ready', 'Failed')
                  AND coalesce(last_synced_at, 0) + sync_interval_seconds * 1000::bigint <= @now
                """,
                new { now = UnixTime.From(now) }, tx)).ToList();
            foreach (var sourceId in due)
                await EnqueueAsync(c, tx, sourceId, now);
            return due.Count;
        }, ct);

    public Task AddToFrontierAsync(string sourceId, IReadOnlyList<FrontierUrl> urls, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await LockSourceAsync(c, tx, sourceId);
            var next = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM frontier WHERE source_id = @sourceId", new { sourceId }, tx);
            await c.ExecuteAsync(
                "INSERT INTO frontier (source_id, url, depth, seq) VALUES (@sourceId, @Url, @Depth, @Seq) ON CONFLICT DO NOTHING",
                urls.Select((u, i) => new { sourceId, u.Url, u.Depth, Seq = next + i + 1 }), tx);
        }, ct);

    public Task<IReadOnlyList<FrontierUrl>> PendingAsync(string sourceId, int limit, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<FrontierUrl>>(async c => (await c.QueryAsync<(string Url, int Depth)>(
                "SELECT url, depth FROM frontier WHERE source_id = @sourceId AND NOT visited ORDER BY seq LIMIT @limit",
                new { sourceId, limit }))
            .Select(r => new FrontierUrl(r.Url, r.Depth))
            .ToList(), ct);

    public Task MarkVisitedAsync(string sourceId, string jobId, PageVisit visit, bool kept, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "UPDATE frontier SET visited = true, kept = @kept WHERE source_id = @sourceId AND url = @Url", new { sourceId, visit.Url, kept }, tx);
            await c.ExecuteAsync(
                """
                INSERT INTO page_visits (source_id, url, job_id, title, status, reason, fetched_at)
                SELECT @SourceId, @Url, @JobId, @Title, @Status, @Reason, @FetchedAt
                WHERE EXISTS (SELECT 1 FROM sources WHERE id = @SourceId) -- not for a source deleted while it syncs
                ON CONFLICT (source_id, url) DO UPDATE SET
                    job_id = excluded.job_id, title = coalesce(excluded.title, page_visits.title), status = excluded.status,
                    reason = excluded.reason, fetched_at = excluded.fetched_at
                """,
                VisitRow.From(sourceId, jobId, visit), tx);
        }, ct);

    public Task RecordSkippedAsync(string sourceId, string jobId, IReadOnlyList<PageVisit> visits, CancellationToken ct = default) =>
        visits.Count == 0
            ? Task.CompletedTask
            : db.WriteAsync((c, tx) => c.ExecuteAsync(
                """
                INSERT INTO page_visits (source_id, url, job_id, title, status, reason, fetched_at)
                SELECT @SourceId, @Url, @JobId, @Title, @Status, @Reason, @FetchedAt
                WHERE NOT EXISTS (SELECT 1 FROM frontier WHERE source_id = @SourceId AND url = @Url)
                  AND EXISTS (SELECT 1 FROM sources WHERE id = @SourceId)
                ON CONFLICT (source_id, url) DO UPDATE SET
                    job_id = excluded.job_id, status = excluded.status, reason = excluded.reason, fetched_at = excluded.fetched_at
                WHERE page_visits.job_id <> excluded.job_id
                """,
                visits.Select(v => VisitRow.From(sourceId, jobId, v)), tx), ct);

    public Task EndVisitsAsync(string sourceId, string jobId, string unvisitedReason, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            """
            INSERT INTO page_visits (source_id, url, job_id, title, status, reason, fetched_at)
            SELECT source_id, url, @jobId, NULL, 'Skipped', @unvisitedReason, NULL FROM frontier WHERE source_id = @sourceId AND NOT visited
            ON CONFLICT (source_id, url) DO UPDATE SET
                job_id = excluded.job_id, status = excluded.status, reason = excluded.reason, fetched_at = NULL;
            -- Links left out are kept from the sync that found them: a page that answers 304 is not read again for its links.
            DELETE FROM page_visits
            WHERE source_id = @sourceId AND job_id <> @jobId
              AND (fetched_at IS NOT NULL OR url IN (SELECT url FROM frontier WHERE source_id = @sourceId));
            """,
            new { sourceId, jobId, unvisitedReason }, tx), ct);

    public Task<PageVisitList> ListVisitsAsync(string sourceId, PageStatus? status, string? afterUrl, int limit, CancellationToken ct = default) =>
        db.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<VisitRow>(
                $"""
                {SelectVisit}
                WHERE v.source_id = @sourceId AND (@status::text IS NULL OR v.status = @status) AND (@afterUrl::text IS NULL OR v.url > @afterUrl)
                ORDER BY v.url LIMIT @take
                """,
                new { sourceId, status = status?.ToString(), afterUrl, take = limit + 1 })).ToList();
            var counts = (await c.QueryAsync<(string Status, long Count)>(
                    "SELECT status, count(*) FROM page_visits WHERE source_id = @sourceId GROUP BY status", new { sourceId }))
                .ToDictionary(r => Enum.Parse<PageStatus>(r.Status), r => (int)r.Count);
            return new PageVisitList(rows.Take(limit).Select(r => r.ToVisit()).ToList(), rows.Count > limit, counts);
        }, ct);

    public Task<PageVisit?> GetVisitAsync(string sourceId, string url, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<VisitRow>(
            $"{SelectVisit} WHERE v.source_id = @sourceId AND v.url = @url", new { sourceId, url }))?.ToVisit(), ct);

    public Task RestartFrontierAsync(string sourceId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("UPDATE frontier SET visited = false, kept = false WHERE source_id = @sourceId", new { sourceId }, tx), ct);

    public Task<(int Visited, int Total)> ProgressAsync(string sourceId, CancellationToken ct = default) =>
        db.ReadAsync(async c =>
        {
            var (visited, total) = await c.QuerySingleAsync<(long, long)>(
                "SELECT count(*) FILTER (WHERE visited), count(*) FROM frontier WHERE source_id = @sourceId", new { sourceId });
            return ((int)visited, (int)total);
        }, ct);

    public Task<FetchedPage?> GetPageAsync(string sourceId, string url, CancellationToken ct = default) =>
        db.ReadAsync(async c => (await c.QuerySingleOrDefaultAsync<PageRow>(
            "SELECT url, title, content_hash, etag, last_modified FROM pages WHERE source_id = @sourceId AND url = @url",
            new { sourceId, url }))?.ToPage(), ct);

    public Task<string?> FindContentAsync(string sourceId, string contentHash, string exceptUrl, CancellationToken ct = default) =>
        db.ReadAsync(c => c.ExecuteScalarAsync<string?>(
            "SELECT url FROM pages WHERE source_id = @sourceId AND content_hash = @contentHash AND url <> @exceptUrl ORDER BY url COLLATE \"C\" LIMIT 1",
            new { sourceId, contentHash, exceptUrl }), ct);

    public async Task<bool> SavePageAsync(string botId, string sourceId, FetchedPage page, IReadOnlyList<Chunk> chunks, CancellationToken ct = default)
    {
        var saved = await db.WriteAsync(async (c, tx) =>
        {
            // The source's row lock serialises this source's page writes, whichever replica makes them.
            if (!await LockSourceAsync(c, tx, sourceId))
                return false;
            // Checked again here, under the lock, so two pages with one content fetched at once are not both kept.
            if (await c.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM pages WHERE source_id = @sourceId AND content_hash = @ContentHash AND url <> @Url)",
                    new { sourceId, page.ContentHash, page.Url }, tx))
                return false;
            await c.ExecuteAsync("DELETE FROM chunks WHERE source_id = @sourceId AND page_url = @Url", new { sourceId, page.Url }, tx);
            await c.ExecuteAsync(
                """
                INSERT INTO pages (source_id, url, title, content_hash, etag, last_modified)
                VALUES (@sourceId, @Url, @Title, @ContentHash, @ETag, @LastModified)
                ON CONFLICT (source_id, url) DO UPDATE SET
                    title = excluded.title, content_hash = excluded.content_hash, etag = excluded.etag, last_modified = excluded.last_modified
                """,
                new { sourceId, page.Url, page.Title, page.ContentHash, page.ETag, page.LastModified }, tx);
            await ChunkRows.InsertAsync(c, botId, sourceId, page.Url, chunks, ct);
            await RecountAndBumpAsync(c, tx, botId, sourceId);
            return true;
        }, ct);
        if (saved)
            statistics.Changed();
        return saved;
    }

    public Task RemoveUnvisitedPagesAsync(string botId, string sourceId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await LockSourceAsync(c, tx, sourceId);
            const string Kept = "SELECT url FROM frontier WHERE source_id = @sourceId AND kept";
            var removed = await c.ExecuteAsync(
                $"DELETE FROM chunks WHERE source_id = @sourceId AND page_url IS NOT NULL AND page_url NOT IN ({Kept})", new { sourceId }, tx);
            removed += await c.ExecuteAsync($"DELETE FROM pages WHERE source_id = @sourceId AND url NOT IN ({Kept})", new { sourceId }, tx);
            if (removed > 0)
                await RecountAndBumpAsync(c, tx, botId, sourceId);
        }, ct);

    public Task UpdateProgressAsync(string sourceId, int pages, int? pagesTotal, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE sources SET pages = @pages, pages_total = @pagesTotal WHERE id = @sourceId", new { sourceId, pages, pagesTotal }, tx), ct);

    private static async Task<bool> LockSourceAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sourceId) =>
        await c.ExecuteScalarAsync<string?>("SELECT id FROM sources WHERE id = @sourceId FOR UPDATE", new { sourceId }, tx) is not null;

    private static async Task EnqueueAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sourceId, DateTimeOffset now)
    {
        // One job per source (a unique column): a second enqueue, from any replica, finds it there and adds nothing.
        var queued = await c.ExecuteAsync(
            """
            INSERT INTO jobs (id, source_id, bot_id, status, attempt, created_at)
            SELECT @id, id, bot_id, 'queued', 0, @now FROM sources WHERE id = @sourceId
            ON CONFLICT (source_id) DO NOTHING
            """,
            new { id = Guid.CreateVersion7().ToString(), sourceId, now = UnixTime.From(now) }, tx);
        if (queued > 0)
            await c.ExecuteAsync("UPDATE sources SET status = 'Queued' WHERE id = @sourceId AND status <> 'Running'", new { sourceId }, tx);
    }

    private static async Task RecountAndBumpAsync(NpgsqlConnection c, NpgsqlTransaction tx, string botId, string sourceId)
    {
        await c.ExecuteAsync(
            "UPDATE sources SET chunks = (SELECT count(*) FROM chunks WHERE source_id = @sourceId) WHERE id = @sourceId",
            new { sourceId }, tx);
        await c.ExecuteAsync("UPDATE bots SET knowledge_version = knowledge_version + 1 WHERE id = @botId", new { botId }, tx);
    }

    private const string SelectVisit =
        """
        SELECT v.url, v.title, v.status, v.reason, v.fetched_at,
               (SELECT count(*) FROM chunks c WHERE c.source_id = v.source_id AND c.page_url = v.url) AS chunks
        FROM page_visits v
        """;

    private sealed class VisitRow
    {
        public string SourceId { get; set; } = "";
        public string JobId { get; set; } = "";
        public string Url { get; set; } = "";
        public string? Title { get; set; }
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public long? FetchedAt { get; set; }
        public long Chunks { get; set; }

        public static VisitRow From(string sourceId, string jobId, PageVisit visit) => new()
        {
            SourceId = sourceId,
            JobId = jobId,
            Url = visit.Url,
            Title = visit.Title,
            Status = visit.Status.ToString(),
            Reason = visit.Reason,
            FetchedAt = visit.FetchedAt is { } at ? UnixTime.From(at) : null,
        };

        public PageVisit ToVisit() =>
            new(Url, Title, Enum.Parse<PageStatus>(Status), Reason, FetchedAt is { } at ? UnixTime.To(at) : null) { Chunks = (int)Chunks };
    }

    private sealed class JobRow
    {
        public string Id { get; set; } = "";
        public string SourceId { get; set; } = "";
        public string BotId { get; set; } = "";
        public int Attempt { get; set; }
    }

    private sealed class PageRow
    {
        public string Url { get; set; } = "";
        public string Title { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public string? Etag { get; set; }
        public string? LastModified { get; set; }

        public FetchedPage ToPage() => new(Url, Title, ContentHash, Etag, LastModified);
    }
}
