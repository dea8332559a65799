using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// Reads a site's robots.txt before a sync and decides whether the sync may start. RFC 9309 reads a
/// missing robots.txt (a 4xx) as "crawl anything", and one that cannot be had (a 5xx, no connection) as
/// "crawl nothing"; either way the owner is told the real reason: the site's own rules, its server's
/// error, a host DNS does not know, a port that refuses connections, a timeout. A server error is often
/// passing (a deploy, a busy host), so robots.txt is asked again twice before the sync fails.
/// </summary>
public sealed class RobotsTxtFetcher(WebFetcher fetcher, IOptions<IngestionOptions> options, TimeProvider time)
{
    private const int ServerErrorRetries = 2;

    /// <summary>The rules for <paramref name="source"/>'s site; throws, saying why, when its start URL may not be fetched.</summary>
    public async Task<RobotsTxt> FetchAsync(Source source, CancellationToken ct)
    {
        var site = new Uri(source.Url!);
        var robotsUrl = new Uri(site, "/robots.txt");
        var fetched = await fetcher.FetchAsync(robotsUrl, ct: ct);
        var wait = TimeSpan.FromSeconds(options.Value.RobotsRetrySeconds);
        var waited = TimeSpan.Zero;
        for (var retry = 0; retry < ServerErrorRetries && IsServerError(fetched); retry++)
        {
            await Task.Delay(wait, time, ct);
            waited += wait;
            wait *= 2;
            fetched = await fetcher.FetchAsync(robotsUrl, ct: ct);
        }

        var robots = RobotsTxt.FromFetch(fetched);
        if (robots.IsAllowed(site))
            return robots;

        throw new InvalidOperationException(fetched.Status switch
        {
            FetchStatus.Ok => $"The site's robots.txt ({robotsUrl}) does not allow {WebFetcher.RobotsAgent} to fetch {site}.",
            _ when IsServerError(fetched) =>
                $"The site's server answered {fetched.Error} for {robotsUrl} ({ServerErrorRetries + 1} times in {Seconds(waited)} s). "
                + "Until its robots.txt can be read, Parley fetches nothing from the site, as RFC 9309 asks of crawlers. "
                + NextSync(source),
            _ => $"{site} could not be fetched: {fetched.Error}",
        });
    }

    private static bool IsServerError(FetchResult fetched) => fetched.Status == FetchStatus.HttpError && fetched.HttpStatus >= 500;

    private static string NextSync(Source source) => source.SyncIntervalSeconds is { } interval
        ? $"The next scheduled sync, {Math.Round(interval / 3600.0, 1).ToString(CultureInfo.InvariantCulture)} h after this one, asks again."
        : "Sync the source again once the site answers.";

    private static string Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 1).ToString(CultureInfo.InvariantCulture);
}
