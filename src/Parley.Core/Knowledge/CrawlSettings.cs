namespace Parley.Core.Knowledge;

/// <summary>
/// How far a crawl may go from its start page: at most <see cref="MaxPages"/> pages, <see cref="MaxDepth"/>
/// links away, on the same site, only URLs matching an <see cref="Include"/> glob (when any is given) and
/// none matching an <see cref="Exclude"/> glob.
/// </summary>
public sealed record CrawlSettings(int MaxPages, int MaxDepth, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);
