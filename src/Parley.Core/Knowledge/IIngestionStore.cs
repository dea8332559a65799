namespace Parley.Core.Knowledge;

/// <summary>
/// The persisted state of background ingestion: a job queue with leases, each sync's frontier of URLs,
/// and the pages indexed so far. Every step is stored as it happens, so a sync interrupted by a crash
/// resumes where it stopped, and writing a page is one atomic step, so nothing is indexed twice.
/// </summary>
public interface IIngestionStore
{
    /// <summary>Queues a sync of the source, unless one is already queued or running.</summary>
    Task EnqueueAsync(string sourceId, CancellationToken ct = default);

    /// <summary>Takes the oldest queued job, or a running one whose lease has expired (its worker died).</summary>
    Task<IngestionJob?> ClaimAsync(string worker, TimeSpan lease, CancellationToken ct = default);

    /// <summary>Extends the lease; false when the job is no longer this worker's.</summary>
    Task<bool> RenewAsync(IngestionJob job, string worker, TimeSpan lease, CancellationToken ct = default);

    /// <summary>Ends the job and sets the source ready, or failed with <paramref name="error"/>.</summary>
    Task FinishAsync(IngestionJob job, string? error, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Queues every source whose sync interval has passed since its last sync.</summary>
    Task<int> EnqueueDueAsync(DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Adds URLs not yet in the source's frontier; those already there keep their state.</summary>
    Task AddToFrontierAsync(string sourceId, IReadOnlyList<FrontierUrl> urls, CancellationToken ct = default);

    Task<IReadOnlyList<FrontierUrl>> PendingAsync(string sourceId, int limit, CancellationToken ct = default);

    /// <summary>
    /// Records that a URL was visited in the sync <paramref name="jobId"/>, so it is not visited again, and what
    /// the visit found; <paramref name="kept"/> says whether its page stays indexed (false for pages gone,
    /// refused or duplicated).
    /// </summary>
    Task MarkVisitedAsync(string sourceId, string jobId, PageVisit visit, bool kept, CancellationToken ct = default);

    /// <summary>
    /// Records URLs of the source's site that the sync met as links but will not fetch (outside the crawl's
    /// patterns or depth, refused by robots.txt), unless the sync visits or already recorded them.
    /// </summary>
    Task RecordSkippedAsync(string sourceId, string jobId, IReadOnlyList<PageVisit> visits, CancellationToken ct = default);

    /// <summary>
    /// Closes the visits of a sync that finished: frontier URLs it never reached are recorded as skipped for
    /// <paramref name="unvisitedReason"/>, and what earlier syncs recorded of URLs this one did not meet is forgotten,
    /// except links left out: a page that has not changed is not read for its links again, so they stand as found.
    /// </summary>
    Task EndVisitsAsync(string sourceId, string jobId, string unvisitedReason, CancellationToken ct = default);

    /// <summary>The source's visits in URL order after <paramref name="afterUrl"/>, optionally of one status, each with its page's chunk count.</summary>
    Task<PageVisitList> ListVisitsAsync(string sourceId, PageStatus? status, string? afterUrl, int limit, CancellationToken ct = default);

    Task<PageVisit?> GetVisitAsync(string sourceId, string url, CancellationToken ct = default);

    /// <summary>Starts a new sync: every URL of the frontier becomes pending again.</summary>
    Task RestartFrontierAsync(string sourceId, CancellationToken ct = default);

    Task<(int Visited, int Total)> ProgressAsync(string sourceId, CancellationToken ct = default);

    Task<FetchedPage?> GetPageAsync(string sourceId, string url, CancellationToken ct = default);

    /// <summary>The URL of another page of the source that already holds this exact content, or null.</summary>
    Task<string?> FindContentAsync(string sourceId, string contentHash, string exceptUrl, CancellationToken ct = default);

    /// <summary>
    /// Replaces the page and its chunks in one transaction and moves the bot's knowledge version;
    /// false, storing nothing, when another page of the source holds the same content or the source has
    /// been deleted meanwhile.
    /// </summary>
    Task<bool> SavePageAsync(string botId, string sourceId, FetchedPage page, IReadOnlyList<Chunk> chunks, CancellationToken ct = default);

    /// <summary>Removes pages (and their chunks) that the finished sync did not keep.</summary>
    Task RemoveUnvisitedPagesAsync(string botId, string sourceId, CancellationToken ct = default);

    Task UpdateProgressAsync(string sourceId, int pages, int? pagesTotal, CancellationToken ct = default);
}
