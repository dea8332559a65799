namespace Parley.Core.Knowledge;

/// <summary>What the last sync did with one URL of a source.</summary>
public enum PageStatus
{
    /// <summary>Fetched and (re-)indexed: its content was new or had changed.</summary>
    Indexed,

    /// <summary>Fetched, or answered 304, and its content was what is already indexed: nothing to redo.</summary>
    Unchanged,

    /// <summary>Met but deliberately not indexed: robots.txt, noindex, not a readable type, a duplicate, outside the crawl.</summary>
    Skipped,

    /// <summary>Could not be fetched or read: an HTTP error, a timeout, a damaged file.</summary>
    Failed,
}
