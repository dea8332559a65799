using Microsoft.Extensions.Options;
using Parley.Core.Knowledge;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// One sync of a source that fetches pages. Its URLs go through a persisted frontier: a URL is marked
/// visited only after its page is stored, so a sync resumed after a crash (a later attempt of the same
/// job) visits exactly what was left, and a page visited twice replaces itself instead of adding to
/// itself. A new sync (first attempt) revisits everything, conditionally, and drops what is gone.
/// What became of every URL met, and why, is recorded as it happens, for the owner to read.
/// </summary>
public sealed class SourceSync(
    IKnowledgeStore knowledge,
    IIngestionStore ingestion,
    WebFetcher fetcher,
    RobotsTxtFetcher robotsTxt,
    PageIndexer pages,
    BotCache bots,
    IOptions<IngestionOptions> options,
    ILogger<SourceSync> log)
{
    public async Task RunAsync(IngestionJob job, CancellationToken ct)
    {
        var source = await knowledge.GetSourceAsync(job.BotId, job.SourceId, ct)
            ?? throw new InvalidOperationException("The source was deleted.");
        if (job.Attempt == 1)
            await ingestion.RestartFrontierAsync(source.Id, ct);

        var robots = await robotsTxt.FetchAsync(source, ct);
        await SeedAsync(source, robots, ct);

        var settings = options.Value;
        var delay = robots.CrawlDelay();
        var parallel = delay is null ? settings.ConcurrentFetches : 1;
        var maxPages = source.Crawl?.MaxPages ?? int.MaxValue;
        var scope = source.Type == SourceType.Crawl ? new CrawlScope(source, robots) : null;
        while (true)
        {
            var (visited, total) = await ingestion.ProgressAsync(source.Id, ct);
            await ingestion.UpdateProgressAsync(source.Id, visited, total, ct);
            if (visited >= maxPages)
                break;

            var batch = await ingestion.PendingAsync(source.Id, Math.Min(parallel * 4, maxPages - visited), ct);
            if (batch.Count == 0)
                break;

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (entry, token) =>
            {
                var outcome = robots.IsAllowed(new Uri(entry.Url))
                    ? await pages.IndexAsync(source, entry, token)
                    : PageOutcome.Skipped("robots.txt disallows it.");
                if (scope is not null && outcome.Links.Count > 0)
                {
                    var (follow, skipped) = scope.Sort(outcome.Links, entry.Depth);
                    await ingestion.AddToFrontierAsync(source.Id, follow, token);
                    await ingestion.RecordSkippedAsync(source.Id, job.Id, skipped, token);
                }

                var visit = new PageVisit(entry.Url, outcome.Title, outcome.Status, outcome.Reason, outcome.FetchedAt);
                await ingestion.MarkVisitedAsync(source.Id, job.Id, visit, outcome.Kept, token);
                // The page the business named must be reachable; a broken link deeper in a site must not fail the sync.
                if (outcome.Error is { } error && entry.Depth == 0 && source.Type != SourceType.Sitemap)
                    throw new InvalidOperationException($"{entry.Url} could not be fetched: {error}");
                if (delay is { } wait)
                    await Task.Delay(wait, token);
            });
        }

        await ingestion.RemoveUnvisitedPagesAsync(source.BotId, source.Id, ct);
        await ingestion.EndVisitsAsync(source.Id, job.Id, $"Not visited: the crawl stopped at max_pages ({maxPages}).", ct);
        await bots.ForgetAsync(source.BotId);
        log.LogInformation("Synced source {SourceId} of bot {BotId}.", source.Id, source.BotId);
    }

    private async Task SeedAsync(Source source, RobotsTxt robots, CancellationToken ct)
    {
        var start = new FrontierUrl(new Uri(source.Url!).AbsoluteUri, 0);
        if (source.Type != SourceType.Sitemap)
        {
            await ingestion.AddToFrontierAsync(source.Id, [start], ct);
            return;
        }

        var urls = await ReadSitemapsAsync(new Uri(source.Url!), ct);
        await ingestion.AddToFrontierAsync(source.Id, urls.Select(u => new FrontierUrl(u, 0)).ToList(), ct);
    }

    /// <summary>A sitemap's pages, following a sitemap index one level down, up to the configured number of URLs.</summary>
    private async Task<List<string>> ReadSitemapsAsync(Uri sitemapUrl, CancellationToken ct)
    {
        var limit = options.Value.MaxSitemapUrls;
        var pending = new Queue<Uri>([sitemapUrl]);
        var seen = new HashSet<Uri>();
        var urls = new List<string>();
        while (pending.TryDequeue(out var next) && urls.Count < limit && seen.Add(next) && seen.Count <= 100)
        {
            var fetched = await fetcher.FetchAsync(next, ct: ct);
            if (!fetched.IsOk)
            {
                if (next == sitemapUrl)
                    throw new InvalidOperationException($"The sitemap could not be fetched: {fetched.Error ?? fetched.Status.ToString()}.");
                continue;
            }

            var sitemap = SitemapReader.Parse(fetched.Text())
                ?? throw new InvalidOperationException($"{next} is not a sitemap (sitemaps.org urlset or sitemapindex).");
            foreach (var child in sitemap.Sitemaps)
            {
                if (Uri.TryCreate(child, UriKind.Absolute, out var childUrl))
                    pending.Enqueue(childUrl);
            }

            urls.AddRange(sitemap.Pages
                .Where(p => UrlLimit.Fits(p) && Uri.TryCreate(p, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
                .Take(limit - urls.Count));
        }

        return urls.Distinct(StringComparer.Ordinal).ToList();
    }
}
