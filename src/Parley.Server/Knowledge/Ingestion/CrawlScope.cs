using System.Globalization;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// Which links of a page a crawl follows: same site (scheme, host and port of the start URL), inside the include
/// and outside the exclude patterns, allowed by robots.txt, not too long, not deeper than <c>max_depth</c>. A link
/// of the same site that is not followed comes with the reason, so an owner can see why a page was left out;
/// links to other sites are simply not the crawl's business.
/// </summary>
public sealed class CrawlScope
{
    private readonly Uri _start;
    private readonly CrawlSettings _crawl;
    private readonly RobotsTxt _robots;
    private readonly List<UrlGlob> _include;
    private readonly List<UrlGlob> _exclude;

    public CrawlScope(Source source, RobotsTxt robots)
    {
        _start = new Uri(source.Url!);
        _crawl = source.Crawl ?? throw new ArgumentException("Only a crawl source has a crawl scope.", nameof(source));
        _robots = robots;
        _include = _crawl.Include.Select(g => new UrlGlob(g)).ToList();
        _exclude = _crawl.Exclude.Select(g => new UrlGlob(g)).ToList();
    }

    /// <summary>The links found on a page at <paramref name="depth"/>: those to follow, and those of the site left out, with why.</summary>
    public (List<FrontierUrl> Follow, List<PageVisit> Skipped) Sort(IReadOnlyList<Uri> links, int depth)
    {
        var follow = new List<FrontierUrl>();
        var skipped = new List<PageVisit>();
        foreach (var link in links.Where(IsSameSite))
        {
            var url = new UriBuilder(link) { Fragment = "" }.Uri.AbsoluteUri;
            if (Refusal(link, url, depth + 1) is { } reason)
            {
                // An overlong URL cannot be stored as a key either, so it is not even listed.
                if (UrlLimit.Fits(url))
                    skipped.Add(new PageVisit(url, null, PageStatus.Skipped, reason, null));
            }
            else
            {
                follow.Add(new FrontierUrl(url, depth + 1));
            }
        }

        return (follow, skipped);
    }

    private bool IsSameSite(Uri link) =>
        link.Scheme == _start.Scheme && link.Host.Equals(_start.Host, StringComparison.OrdinalIgnoreCase) && link.Port == _start.Port;

    private string? Refusal(Uri link, string url, int depth)
    {
        if (_include.Count > 0 && !_include.Exists(g => g.Matches(link)))
            return "Outside the crawl scope: it matches no include pattern.";
        if (_exclude.Find(g => g.Matches(link)) is { } excluded)
            return $"Outside the crawl scope: excluded by the pattern {excluded.Pattern}.";
        if (!_robots.IsAllowed(link))
            return "robots.txt disallows it.";
        if (!UrlLimit.Fits(url))
            return "The URL is too long to follow.";
        if (depth > _crawl.MaxDepth)
            return string.Create(CultureInfo.InvariantCulture, $"Deeper than the crawl goes: more than {_crawl.MaxDepth} links from the start page (max_depth).");
        return null;
    }
}
