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
/// indexing to that URL.
/// </summary>
public sealed class PageIndexer(WebFetcher fetcher, IIngestionStore ingestion, ChunkEmbedder embedder, BotCache bots)
{
    public async Task<PageOutcome> IndexAsync(Source source, FrontierUrl entry, CancellationToken ct)
    {
        var url = new Uri(entry.Url);
        var known = await ingestion.GetPageAsync(source.Id, entry.Url, ct);
        var fetched = await fetcher.FetchAsync(url, known?.ETag, ParseDate(known?.LastModified), ct);
        switch (fetched.Status)
        {
            case FetchStatus.NotModified:
                return new PageOutcome(known is not null, []);
            case FetchStatus.HttpError when fetched.HttpStatus is 404 or 410:
                return PageOutcome.Dropped with { Error = fetched.Error ?? $"{url} answered {fetched.HttpStatus}." };
            case not FetchStatus.Ok:
                // A passing failure (timeout, network) keeps what was indexed before.
                return new PageOutcome(known is not null, [], fetched.Error ?? fetched.Status.ToString());
        }

        var extraction = ContentExtractor.Extract(fetched);
        if (!extraction.IsExtracted || extraction.Document is not { } document)
            return new PageOutcome(false, extraction.Document?.Links ?? []);

        var links = document.Links;
        if (document.NoIndex)
            return new PageOutcome(false, links);
        if (document.CanonicalUrl is { } canonical && canonical != url && canonical.Host == url.Host && UrlLimit.Fits(canonical.AbsoluteUri))
        {
            await ingestion.AddToFrontierAsync(source.Id, [new FrontierUrl(canonical.AbsoluteUri, entry.Depth)], ct);
            return new PageOutcome(false, links);
        }

        var hash = Hash(document);
        if (known?.ContentHash == hash)
            return new PageOutcome(true, links);
        if (await ingestion.HasContentAsync(source.Id, hash, entry.Url, ct))
            return new PageOutcome(false, links);

        var page = new FetchedPage(entry.Url, document.Title, hash, fetched.ETag, FormatDate(fetched.LastModified));
        var chunks = await embedder.EmbedAsync(source.BotId, TextChunker.Split(document.Title, entry.Url, document.Markdown), ct);
        var saved = await ingestion.SavePageAsync(source.BotId, source.Id, page, chunks, ct);
        if (saved)
            await bots.ForgetThrottledAsync(source.BotId);
        return new PageOutcome(saved, links);
    }

    private static string Hash(ExtractedDocument document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Title + "\n" + document.Markdown)));

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string? FormatDate(DateTimeOffset? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
