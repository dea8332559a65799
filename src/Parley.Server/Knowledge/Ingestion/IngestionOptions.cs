using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>Section <c>Parley:Ingestion</c>: the background workers that fetch and index sources.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Parley:Ingestion";

    /// <summary>Sources synced at the same time by this server.</summary>
    [Range(0, 32)]
    public int Workers { get; set; } = 1;

    /// <summary>Pages of one source fetched at the same time: polite to the site, still quick.</summary>
    [Range(1, 16)]
    public int ConcurrentFetches { get; set; } = 2;

    /// <summary>How long a claimed job stays a worker's without a renewal; after that another worker resumes it.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds before robots.txt is asked again after a server error (5xx); the second retry waits twice as
    /// long, and if that fails too the sync fails.
    /// </summary>
    [Range(0, 600)]
    public int RobotsRetrySeconds { get; set; } = 5;

    /// <summary>Pages a sitemap source takes at most, sitemap indexes included.</summary>
    [Range(1, 1_000_000)]
    public int MaxSitemapUrls { get; set; } = 50_000;
}
