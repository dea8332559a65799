using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parley.Bench.Hosting;

namespace Parley.Bench.Eval;

/// <summary>
/// Gives the bot a website: adds a <c>crawl</c> source from the start page and polls the source until Parley has
/// fetched and indexed it, printing each change of progress.
/// </summary>
internal static class CrawlIngestion
{
    // Also the resolution of the measured wall time.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IngestionResult> RunAsync(
        BotProvisioner admin, string botId, Uri startPage, int maxPages, int maxDepth, TimeSpan timeout, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var source = await admin.AddSourceAsync(botId, new { type = "crawl", url = startPage.AbsoluteUri, max_pages = maxPages, max_depth = maxDepth });
        var sourceId = source.GetProperty("id").GetString()!;
        output.WriteLine($"Crawling {startPage} (max_pages {maxPages}, max_depth {maxDepth}) as source {sourceId}:");

        var shown = "";
        while (true)
        {
            var status = Text(source, "status");
            var progress = Progress(source);
            if (progress != shown)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,7:F1} s  {progress}"));
                shown = progress;
            }

            switch (status)
            {
                case "ready":
                    return new IngestionResult("crawl", Number(source, "pages") ?? 0, Number(source, "chunks") ?? 0, clock.Elapsed);
                case "failed":
                    throw new InvalidOperationException(
                        $"The crawl of {startPage} failed after {clock.Elapsed.TotalSeconds:F1} s: {Text(source, "error") ?? "(no error given)"}");
                case "queued" or "running":
                    break;
                default:
                    throw new InvalidOperationException($"The crawl source has status '{status}', which the eval does not know.");
            }

            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The crawl of {startPage} was not ready after {timeout.TotalSeconds:F0} s (--ingest-timeout); last: {progress}.");
            await Task.Delay(PollInterval);
            source = await admin.GetSourceAsync(botId, sourceId);
        }
    }

    private static string Progress(JsonElement source)
    {
        var total = Number(source, "pages_total");
        return $"{Text(source, "status")}: {Number(source, "pages") ?? 0}{(total is null ? "" : $"/{total}")} pages, {Number(source, "chunks") ?? 0} chunks";
    }

    private static string? Text(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
