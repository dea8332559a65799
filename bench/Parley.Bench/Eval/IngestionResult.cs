namespace Parley.Bench.Eval;

/// <summary>How the bot got its knowledge (<c>crawl</c> or <c>text</c>), and how fast: wall time from the first request to ready.</summary>
internal sealed record IngestionResult(string Method, int Pages, int Chunks, TimeSpan Elapsed)
{
    /// <summary>An existing bot was asked (<c>--bot</c>): nothing was ingested in this run.</summary>
    public static IngestionResult Reused { get; } = new("reused", 0, 0, TimeSpan.Zero);

    public double PagesPerSecond => Pages / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double ChunksPerSecond => Chunks / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
