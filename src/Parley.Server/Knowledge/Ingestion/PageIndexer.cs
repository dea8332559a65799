using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parley.Core.Knowledge;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Knowledge.Extraction;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// Visits one URL of a source: fetches it (conditionally, when it was indexed before), extracts its main
/// content and re-indexes it only when that content changed. A page whose content another page of the
/// source already holds is not indexed twice; a page that names another URL as canonical leaves the
/// indexing to that URL. Each way it can go is reported with a reason an owner can act on.
/// </summary>
public sealed class PageIndexer(WebFetcher fetcher, IIngestionStore ingestion, ChunkEmbedder embedder, BotCache bots, TimeProvider time)
{
    public async Task<PageOutcome> IndexAsync(Source source, FrontierUrl entry, CancellationToken ct)
    {
        var url = new Uri(entry.Url);
        var known = await ingestion.GetPageAsync(source.Id, entry.Url, ct);
        var fetchedAt = time.GetUtcNow();
        var fetched = await fetcher.FetchAsync(url, known?.ETag, ParseDate(known?.LastModified), ct);
        var outcome = await VisitAsync(source, entry, url, known, fetched, ct);
        return outcome with { FetchedAt = fetchedAt, Title = outcome.Title ?? known?.Title };
    }

    private async Task<PageOutcome> VisitAsync(Source source, FrontierUrl entry, Uri url, FetchedPage? known, FetchResult fetched, CancellationToken ct)
    {
        switch (fetched.Status)
        {
            case FetchStatus.NotModified when known is not null:
                return new PageOutcome(PageStatus.Unchanged, "Not modified since the last sync.", true, []);
            case FetchStatus.NotModified:
                return PageOutcome.Skipped("The site answered 304 Not Modified to a first visit.");
            case FetchStatus.HttpError when fetched.HttpStatus is 404 or 410:
                var gone = fetched.Error ?? $"HTTP {fetched.HttpStatus}";
                return new PageOutcome(PageStatus.Failed, known is null ? gone : $"{gone}: the page is gone, and its passages with it.", false, [])
                {
                    Error = fetched.Error ?? $"{url} answered {fetched.HttpStatus}.",
                };
            case not FetchStatus.Ok:
                // A passing failure (timeout, network) keeps what was indexed before.
                var error = fetched.Error ?? fetched.Status.ToString();
                return new PageOutcome(PageStatus.Failed, known is null ? error : $"{error} The passages of the last good fetch are kept.", known is not null, [])
                {
                    Error = error,
                };
        }

        var extraction = ContentExtractor.Extract(fetched);
        if (!extraction.IsExtracted || extraction.Document is not { } document)
        {
            var links = extraction.Document?.Links ?? [];
            return extraction.Status switch
            {
                ExtractionStatus.Unsupported => PageOutcome.Skipped($"Not HTML, PDF, DOCX, Markdown or plain text ({fetched.MediaType ?? "no content type"}).", links),
                ExtractionStatus.Empty => PageOutcome.Skipped("The page has no text to index.", links) with { Title = extraction.Document?.Title },
                _ => new PageOutcome(PageStatus.Failed, extraction.Error ?? "The page could not be read.", false, links),
            };
        }

        if (document.NoIndex)
            return PageOutcome.Skipped("The page asks not to be indexed (robots noindex).", document.Links) with { Title = document.Title };
        if (document.CanonicalUrl is { } canonical && canonical != url && canonical.Host == url.Host && UrlLimit.Fits(canonical.AbsoluteUri))
        {
            await ingestion.AddToFrontierAsync(source.Id, [new FrontierUrl(canonical.AbsoluteUri, entry.Depth)], ct);
            return PageOutcome.Skipped($"Its canonical URL is {canonical.AbsoluteUri}, which is indexed instead.", document.Links) with { Title = document.Title };
        }

        var hash = Hash(document);
        if (known?.ContentHash == hash)
            return new PageOutcome(PageStatus.Unchanged, "Its content has not changed since the last sync.", true, document.Links) { Title = document.Title };
        if (await ingestion.FindContentAsync(source.Id, hash, entry.Url, ct) is { } original)
            return PageOutcome.Skipped($"Duplicate of {original}.", document.Links) with { Title = document.Title };

        var page = new FetchedPage(entry.Url, document.Title, hash, fetched.ETag, FormatDate(fetched.LastModified));
        var chunks = await embedder.EmbedAsync(source.BotId, TextChunker.Split(document.Title, entry.Url, document.Markdown), ct);
        if (!await ingestion.SavePageAsync(source.BotId, source.Id, page, chunks, ct))
            return PageOutcome.Skipped("Duplicate of another page of this source.", document.Links) with { Title = document.Title };
        await bots.ForgetThrottledAsync(source.BotId);
        return new PageOutcome(PageStatus.Indexed, null, true, document.Links) { Title = document.Title };
    }

    private static string Hash(ExtractedDocument document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Title + "\n" + document.Markdown)));

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string? FormatDate(DateTimeOffset? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
