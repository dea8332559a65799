using System.Diagnostics;
using Parley.Bench.Hosting;

namespace Parley.Bench.Eval;

/// <summary>
/// The fallback for a server that cannot crawl: every <c>.html</c> file of a folder becomes a text source with the URL
/// it would have on the site. The time counts only the requests, not reading and converting the files.
/// </summary>
internal static class TextCorpusIngestion
{
    private const int MaxTitleLength = 500;

    public static async Task<IngestionResult> RunAsync(BotProvisioner admin, string botId, string directory, Uri siteBase, TextWriter output)
    {
        var pages = Directory.GetFiles(directory, "*.html").Order(StringComparer.Ordinal)
            .Select(file => (Url: new Uri(siteBase, Uri.EscapeDataString(Path.GetFileName(file))), Page: HtmlText.Convert(File.ReadAllText(file))))
            .Where(p => !string.IsNullOrWhiteSpace(p.Page.Markdown))
            .ToList();
        if (pages.Count == 0)
            throw new InvalidOperationException($"{directory} holds no .html page with text.");
        output.WriteLine($"Adding {pages.Count} pages of {directory} as text sources under {siteBase}:");

        var clock = Stopwatch.StartNew();
        var chunks = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var (url, page) = pages[i];
            var title = string.IsNullOrWhiteSpace(page.Title) ? url.Segments[^1] : page.Title;
            var source = await admin.AddSourceAsync(botId, new { type = "text", title = title[..Math.Min(title.Length, MaxTitleLength)], url = url.AbsoluteUri, text = page.Markdown });
            chunks += source.GetProperty("chunks").GetInt32();
            if ((i + 1) % 25 == 0 || i + 1 == pages.Count)
                output.WriteLine($"  {clock.Elapsed.TotalSeconds,7:F1} s  {i + 1}/{pages.Count} pages, {chunks} chunks");
        }

        return new IngestionResult("text", pages.Count, chunks, clock.Elapsed);
    }
}
