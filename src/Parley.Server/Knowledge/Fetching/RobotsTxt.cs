using System.Globalization;
using System.Text;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// A site's robots.txt as RFC 9309 reads it: the groups whose <c>User-agent</c> names our product token
/// apply (all of them, merged), else the <c>*</c> groups; among their <c>Allow</c>/<c>Disallow</c> rules
/// that match a URL's path and query, the longest wins and a tie goes to Allow. <c>*</c> matches any run
/// of characters and a final <c>$</c> anchors the end. Also reads the non-standard <c>Crawl-delay</c> and
/// the <c>Sitemap</c> lines.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 asks crawlers to read at least 500 KiB; the rest is ignored.</summary>
    public const int MaxLength = 500 * 1024;

    private readonly IReadOnlyList<Group> _groups;

    private RobotsTxt(IReadOnlyList<Group> groups, IReadOnlyList<Uri> sitemaps)
    {
        _groups = groups;
        Sitemaps = sitemaps;
    }

    /// <summary>No robots.txt (a 4xx): everything may be crawled.</summary>
    public static RobotsTxt AllowAll { get; } = new([], []);

    /// <summary>robots.txt could not be read (a 5xx, no connection): nothing may be crawled for now.</summary>
    public static RobotsTxt DisallowAll { get; } = new([new Group(["*"], [new Rule(Allow: false, "/")])], []);

    /// <summary>The absolute http(s) URLs of the <c>Sitemap</c> lines, wherever they stand in the file.</summary>
    public IReadOnlyList<Uri> Sitemaps { get; }

    /// <summary>
    /// What fetching <c>/robots.txt</c> means for the site (RFC 9309 §2.3.1): a body is parsed; a 4xx, or
    /// more redirects than the fetcher follows, means no rules; anything else (5xx, unknown host, refused
    /// connection, timeout, a refused address) means crawl nothing. The rules alone do not say which:
    /// whoever reports a refusal reads <see cref="FetchResult.Status"/> for the reason. Fetch robots.txt
    /// unconditionally.
    /// </summary>
    public static RobotsTxt FromFetch(FetchResult result) => result.Status switch
    {
        FetchStatus.Ok => Parse(result.Text()),
        FetchStatus.HttpError when result.HttpStatus is >= 400 and < 500 => AllowAll,
        FetchStatus.TooManyRedirects => AllowAll,
        FetchStatus.NotModified => throw new ArgumentException("Fetch robots.txt without validators: a 304 carries no rules.", nameof(result)),
        _ => DisallowAll,
    };

    public static RobotsTxt Parse(string content)
    {
        if (content.Length > MaxLength)
            content = content[..MaxLength];

        var groups = new List<Group>();
        var sitemaps = new List<Uri>();
        Group? group = null;
        var lastWasAgent = false;
        foreach (var raw in content.Split(['\r', '\n']))
        {
            var line = raw.Split('#', 2)[0];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();

            switch (key)
            {
                case "user-agent" or "useragent" or "user agent":
                    if (group is null || !lastWasAgent)
                    {
                        group = new Group([], []);
                        groups.Add(group);
                    }

                    group.Agents.Add(ProductToken(value));
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when group is not null && value.Length > 0:
                    group.Rules.Add(new Rule(key == "allow", Normalize(value.StartsWith('/') || value.StartsWith('*') ? value : "/" + value)));
                    break;
                case "crawl-delay" when group is not null:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                        group.CrawlDelay ??= seconds;
                    break;
                case "sitemap":
                    if (Uri.TryCreate(value, UriKind.Absolute, out var sitemap) && sitemap.Scheme is "http" or "https")
                        sitemaps.Add(sitemap);
                    break;
            }

            lastWasAgent = false;
        }

        return new RobotsTxt(groups, sitemaps);
    }

    public bool IsAllowed(Uri url, string userAgent = WebFetcher.RobotsAgent)
    {
        var path = Normalize(url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString);
        if (path is "/robots.txt")
            return true;

        Rule? best = null;
        foreach (var rule in GroupsFor(userAgent).SelectMany(g => g.Rules))
        {
            if (!Matches(path, rule.Pattern))
                continue;
            if (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow))
                best = rule;
        }

        return best?.Allow ?? true;
    }

    /// <summary>The <c>Crawl-delay</c> of the group that applies, if it has one.</summary>
    public TimeSpan? CrawlDelay(string userAgent = WebFetcher.RobotsAgent) =>
        GroupsFor(userAgent).Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null) is { } seconds
            ? TimeSpan.FromSeconds(Math.Min(seconds, 86_400))
            : null;

    private IEnumerable<Group> GroupsFor(string userAgent)
    {
        var token = ProductToken(userAgent);
        var own = _groups.Where(g => g.Agents.Contains(token, StringComparer.OrdinalIgnoreCase)).ToList();
        return own.Count > 0 ? own : _groups.Where(g => g.Agents.Contains("*"));
    }

    /// <summary>"ParleyBot/1.0 (…)" names the product "ParleyBot": letters, '-' and '_' only.</summary>
    private static string ProductToken(string agent)
    {
        agent = agent.Trim();
        if (agent.StartsWith('*'))
            return "*";
        var end = 0;
        while (end < agent.Length && (char.IsAsciiLetter(agent[end]) || agent[end] is '-' or '_'))
            end++;
        return agent[..end];
    }

    /// <summary>Percent-encodes what is not ASCII and upper-cases existing escapes, so equal paths compare equal.</summary>
    private static string Normalize(string path)
    {
        var result = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%' && i + 2 < path.Length && char.IsAsciiHexDigit(path[i + 1]) && char.IsAsciiHexDigit(path[i + 2]))
            {
                result.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
                i += 2;
            }
            else if (c > 0x7E || c <= 0x20)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < path.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(path.Substring(i, length)))
                    result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                i += length - 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>Prefix match with <c>*</c> wildcards and a final <c>$</c>, tracking every position the pattern can be at.</summary>
    private static bool Matches(string path, string pattern)
    {
        var positions = new int[path.Length + 1];
        var count = 1;
        for (var i = 0; i < pattern.Length; i++)
        {
            var p = pattern[i];
            if (p == '$' && i == pattern.Length - 1)
                return positions[count - 1] == path.Length;
            if (p == '*')
            {
                count = path.Length - positions[0] + 1;
                for (var j = 1; j < count; j++)
                    positions[j] = positions[j - 1] + 1;
                continue;
            }

            var next = 0;
            for (var j = 0; j < count; j++)
            {
                if (positions[j] < path.Length && path[positions[j]] == p)
                    positions[next++] = positions[j] + 1;
            }

            count = next;
            if (count == 0)
                return false;
        }

        return true;
    }

    private sealed class Group(List<string> agents, List<Rule> rules)
    {
        public List<string> Agents { get; } = agents;

        public List<Rule> Rules { get; } = rules;

        public double? CrawlDelay { get; set; }
    }

    private sealed record Rule(bool Allow, string Pattern);
}
