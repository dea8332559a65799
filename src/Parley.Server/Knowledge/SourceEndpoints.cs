using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge;

public static class SourceEndpoints
{
    internal const int MaxTextLength = 4 * 1024 * 1024;
    internal const int MaxQuestionLength = 2_000;
    internal const int MaxAnswerLength = 50_000;
    internal const int MaxSyncIntervalHours = 24 * 365;
    private const int MaxBodyBytes = 8 * 1024 * 1024;
    private const int MaxUploadBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/bots/{botId}/sources").WithTags("Knowledge").RequireAuthorization()
            .ProducesApiErrors(400, 401, 404, 413);
        group.MapPost("/", CreateAsync).Accepts<SourceRequest>("application/json", "multipart/form-data");
        group.MapGet("/", ListAsync);
        group.MapGet("/{sourceId}", GetAsync);
        group.MapPatch("/{sourceId}", UpdateAsync).Accepts<SourceChangeRequest>("application/json");
        group.MapDelete("/{sourceId}", DeleteAsync);
        group.MapPost("/{sourceId}/sync", SyncAsync);
        return app;
    }

    private static async Task<Results<Created<SourceResponse>, ApiError>> CreateAsync(
        string botId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, SourceIngestor ingestor, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (request.HasFormContentType)
            return await UploadAsync(botId, request, ingestor, ct);

        var (document, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        Source source;
        switch (fields.String("type", 16, required: true))
        {
            case "text":
                fields.RejectUnknown("type", "title", "url", "text");
                var text = fields.String("text", MaxTextLength, required: true);
                var title = fields.String("title", 500);
                var url = Url(fields);
                if (fields.Error is { } invalidText)
                    return invalidText;
                source = await ingestor.AddTextAsync(botId, title?.Trim() ?? FirstLine(text!), url, text!, ct);
                break;
            case "qa":
                fields.RejectUnknown("type", "question", "answer", "url");
                var question = fields.String("question", MaxQuestionLength, required: true);
                var answer = fields.String("answer", MaxAnswerLength, required: true);
                var qaUrl = Url(fields);
                if (fields.Error is { } invalidQa)
                    return invalidQa;
                source = await ingestor.AddQaAsync(botId, question!.Trim(), answer!.Trim(), qaUrl, ct);
                break;
            case "url" or "sitemap" or "crawl":
                var type = Enum.Parse<SourceType>(fields.String("type", 16)!, ignoreCase: true);
                fields.RejectUnknown(type == SourceType.Crawl ? CrawlFields : FetchedFields);
                var pageUrl = Url(fields, required: true);
                var crawl = type == SourceType.Crawl ? Crawl(fields) : null;
                var hours = fields.Int("sync_interval_hours", 1, MaxSyncIntervalHours);
                if (fields.Error is { } invalidFetched)
                    return invalidFetched;
                source = await ingestor.AddFetchedAsync(botId, type, pageUrl!, crawl, hours * 3600, ct);
                break;
            case null:
                return fields.Error!;
            default:
                return ApiError.Invalid("type", "'type' must be one of \"text\", \"qa\", \"url\", \"sitemap\", \"crawl\".");
        }

        return TypedResults.Created($"/v1/bots/{botId}/sources/{source.Id}", SourceResponse.Full(source));
    }

    private static async Task<Results<Ok<SourceResponse[]>, ApiError>> ListAsync(
        string botId, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        var sources = await knowledge.ListSourcesAsync(botId, ct);
        return TypedResults.Ok(sources.Select(SourceResponse.From).ToArray());
    }

    private static async Task<Results<Ok<SourceResponse>, ApiError>> GetAsync(
        string botId, string sourceId, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        return await knowledge.GetSourceAsync(botId, sourceId, ct) is { } source
            ? TypedResults.Ok(SourceResponse.Full(source))
            : SourceNotFound();
    }

    /// <summary>
    /// Edits a source in place: a text, Q&amp;A pair or document is indexed again at once, so the next question
    /// is answered from the new version; a fetched source's re-sync schedule changes from its last sync on.
    /// </summary>
    private static async Task<Results<Ok<SourceResponse>, ApiError>> UpdateAsync(
        string botId, string sourceId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge,
        SourceIngestor ingestor, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (await knowledge.GetSourceAsync(botId, sourceId, ct) is not { } source)
            return SourceNotFound();

        var (document, error) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        if (SourceChanges.Read(source, fields) is not { } change)
            return fields.Error!;
        var (edited, reindex) = change;
        if (edited == source)
            return TypedResults.Ok(SourceResponse.Full(source));
        return await ingestor.UpdateAsync(edited, reindex, ct) is { } updated
            ? TypedResults.Ok(SourceResponse.Full(updated))
            : SourceNotFound();
    }

    private static async Task<Results<NoContent, ApiError>> DeleteAsync(
        string botId, string sourceId, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge, BotCache cache, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (!await knowledge.DeleteSourceAsync(botId, sourceId, ct))
            return SourceNotFound();
        await cache.ForgetAsync(botId);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A document uploaded as <c>multipart/form-data</c> in the field <c>file</c>: read by its content, not
    /// only its name, so a renamed file is still recognised and an unsupported one is refused with a 400.
    /// </summary>
    private static async Task<Results<Created<SourceResponse>, ApiError>> UploadAsync(
        string botId, HttpRequest request, SourceIngestor ingestor, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadBytes + 64 * 1024)
            return FileTooLarge();
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxUploadBytes + (64 * 1024);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return FileTooLarge();
        }
        catch (InvalidDataException)
        {
            return FileTooLarge();
        }

        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return ApiError.Invalid("file", "Send the document as a non-empty multipart form field named 'file'.");
        if (file.Length > MaxUploadBytes)
            return FileTooLarge();

        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        var extraction = Extraction.ContentExtractor.Extract(content.ToArray(), file.ContentType, fileName: Path.GetFileName(file.FileName));
        if (!extraction.IsExtracted || extraction.Document is not { } document)
            return ApiError.Invalid("file", extraction.Error ?? "The document could not be read.");

        var source = await ingestor.AddFileAsync(botId, document, ct);
        return TypedResults.Created($"/v1/bots/{botId}/sources/{source.Id}", SourceResponse.Full(source));
    }

    private static ApiError FileTooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "file_too_large", $"Documents may be at most {MaxUploadBytes / (1024 * 1024)} MiB.", "file");

    private static readonly string[] FetchedFields = ["type", "url", "sync_interval_hours"];
    private static readonly string[] CrawlFields = ["type", "url", "sync_interval_hours", "max_pages", "max_depth", "include", "exclude"];

    private static CrawlSettings Crawl(JsonFields fields) => new(
        fields.Int("max_pages", 1, 10_000) ?? 500,
        fields.Int("max_depth", 0, 20) ?? 5,
        fields.StringList("include", 50, 500) ?? [],
        fields.StringList("exclude", 50, 500) ?? []);

    /// <summary>Queues a new sync now: pages are re-fetched conditionally and only what changed is re-indexed.</summary>
    private static async Task<Results<Accepted<SourceResponse>, ApiError>> SyncAsync(
        string botId, string sourceId, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge, SourceIngestor ingestor, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (await knowledge.GetSourceAsync(botId, sourceId, ct) is not { } source)
            return SourceNotFound();
        if (source.Type is not (SourceType.Url or SourceType.Sitemap or SourceType.Crawl))
            return ApiError.Invalid("type", "Only url, sitemap and crawl sources are fetched, so only they can be synced.");

        await ingestor.SyncAsync(sourceId, ct);
        var queued = await knowledge.GetSourceAsync(botId, sourceId, ct);
        return TypedResults.Accepted($"/v1/bots/{botId}/sources/{sourceId}", SourceResponse.Full(queued!));
    }

    internal static string? Url(JsonFields fields, bool required = false)
    {
        var url = fields.String("url", Ingestion.UrlLimit.MaxLength, required);
        if (url is null)
            return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            fields.Fail("url", "'url' must be an absolute http or https URL.");
            return null;
        }

        // Non-ASCII characters grow when encoded, and the encoded URL is what a sync fetches and stores.
        if (!Ingestion.UrlLimit.Fits(parsed.AbsoluteUri))
        {
            fields.Fail("url", $"'url' must be at most {Ingestion.UrlLimit.MaxLength} characters long once encoded.");
            return null;
        }

        return parsed.ToString();
    }

    internal static string FirstLine(string text)
    {
        var line = text.TrimStart().Split('\n', 2)[0].Trim().TrimStart('#').Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }

    internal static ApiError SourceNotFound() => ApiError.NotFound("source_not_found", "No source with this id.");
}
