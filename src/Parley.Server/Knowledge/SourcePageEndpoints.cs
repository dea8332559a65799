using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge;

/// <summary>
/// What a source holds, page by page: every URL its last sync met, with what became of it and why
/// (<c>GET …/pages</c>), and the passages the bot answers from for one page (<c>GET …/passages</c>). A text,
/// Q&amp;A pair or document is one page, indexed when it was added or edited.
/// </summary>
public static class SourcePageEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapSourcePages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/bots/{botId}/sources/{sourceId}").WithTags("Knowledge").RequireAuthorization()
            .ProducesApiErrors(400, 401, 404);
        group.MapGet("/pages", ListPagesAsync);
        group.MapGet("/passages", ListPassagesAsync);
        return app;
    }

    private static async Task<Results<Ok<SourcePagesResponse>, ApiError>> ListPagesAsync(
        string botId, string sourceId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge,
        IIngestionStore ingestion, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (await knowledge.GetSourceAsync(botId, sourceId, ct) is not { } source)
            return SourceEndpoints.SourceNotFound();

        var query = request.Query;
        if (ReadLimit(query["limit"]) is not { } limit)
            return ApiError.Invalid("limit", $"'limit' must be a whole number from 1 to {MaxLimit}.");
        PageStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } wanted)
        {
            status = Enum.GetValues<PageStatus>().Cast<PageStatus?>().FirstOrDefault(s => Name(s!.Value) == wanted);
            if (status is null)
                return ApiError.Invalid("status", "'status' must be one of \"indexed\", \"unchanged\", \"skipped\", \"failed\".");
        }

        string? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor && (after = Decode(cursor)) is null)
            return ApiError.Invalid("cursor", "'cursor' must be a next_cursor this endpoint returned.");

        if (!IsFetched(source))
            return TypedResults.Ok(WrittenSourcePage(source, status));

        var list = await ingestion.ListVisitsAsync(source.Id, status, after, limit, ct);
        return TypedResults.Ok(new SourcePagesResponse(
            source.Id,
            list.Visits.Select(SourcePageResponse.From).ToList(),
            PageCounts.From(list.Counts),
            list.More ? Encode(list.Visits[^1].Url) : null));
    }

    private static async Task<Results<Ok<PassagesResponse>, ApiError>> ListPassagesAsync(
        string botId, string sourceId, string? url, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge,
        IIngestionStore ingestion, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (await knowledge.GetSourceAsync(botId, sourceId, ct) is not { } source)
            return SourceEndpoints.SourceNotFound();

        if (!IsFetched(source))
        {
            // A written source is one page: its own link, if it has one, names it, and so does no url at all.
            if (!string.IsNullOrEmpty(url) && url != source.Url)
                return PageNotFound();
            var written = await knowledge.ReadPassagesAsync(botId, sourceId, pageUrl: null, ct);
            return TypedResults.Ok(PassagesResponse.From(source.Id, source.Url, source.Title, written));
        }

        if (string.IsNullOrEmpty(url))
            return ApiError.Invalid("url", "'url' is required: name one of the source's pages, as its pages list gives it.");
        var visit = await ingestion.GetVisitAsync(source.Id, url, ct);
        var passages = await knowledge.ReadPassagesAsync(botId, sourceId, url, ct);
        if (visit is null && passages.Count == 0)
            return PageNotFound();
        return TypedResults.Ok(PassagesResponse.From(source.Id, url, visit?.Title ?? (passages.Count > 0 ? passages[0].PageTitle : null), passages));
    }

    private static string Name(PageStatus status) => status.ToString().ToLowerInvariant();

    private static bool IsFetched(Source source) => source.Type is SourceType.Url or SourceType.Sitemap or SourceType.Crawl;

    /// <summary>A text, Q&amp;A pair or document as the one page it is.</summary>
    private static SourcePagesResponse WrittenSourcePage(Source source, PageStatus? status)
    {
        var page = new SourcePageResponse(source.Url, source.Title, "indexed", null, source.Chunks, null);
        var counts = new Dictionary<PageStatus, int> { [PageStatus.Indexed] = 1 };
        return new SourcePagesResponse(source.Id, status is null or PageStatus.Indexed ? [page] : [], PageCounts.From(counts), null);
    }

    private static int? ReadLimit(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return DefaultLimit;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= MaxLimit ? limit : null;
    }

    // The cursor is the last URL listed, opaque to clients so its form may change.
    private static string Encode(string url) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url));

    private static string? Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ApiError PageNotFound() => ApiError.NotFound("page_not_found", "The source has no page with this url.");
}
