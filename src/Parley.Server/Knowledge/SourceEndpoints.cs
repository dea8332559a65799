using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge;

public static class SourceEndpoints
{
    private const int MaxBodyBytes = 8 * 1024 * 1024;
    private const int MaxTextLength = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/bots/{botId}/sources").WithTags("Knowledge").RequireAuthorization()
            .ProducesApiErrors(400, 401, 404);
        group.MapPost("/", CreateAsync).Accepts<SourceRequest>("application/json");
        group.MapGet("/", ListAsync);
        group.MapGet("/{sourceId}", GetAsync);
        group.MapDelete("/{sourceId}", DeleteAsync);
        return app;
    }

    private static async Task<Results<Created<SourceResponse>, ApiError>> CreateAsync(
        string botId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, SourceIngestor ingestor, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();

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
                fields.RejectUnknown("type", "question", "answer");
                var question = fields.String("question", 2_000, required: true);
                var answer = fields.String("answer", 50_000, required: true);
                if (fields.Error is { } invalidQa)
                    return invalidQa;
                source = await ingestor.AddQaAsync(botId, question!.Trim(), answer!.Trim(), ct);
                break;
            case null:
                return fields.Error!;
            default:
                return ApiError.Invalid("type", "'type' must be \"text\" or \"qa\".");
        }

        return TypedResults.Created($"/v1/bots/{botId}/sources/{source.Id}", SourceResponse.From(source));
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
            ? TypedResults.Ok(SourceResponse.From(source))
            : SourceNotFound();
    }

    private static async Task<Results<NoContent, ApiError>> DeleteAsync(
        string botId, string sourceId, ClaimsPrincipal user, IBotStore bots, IKnowledgeStore knowledge, BotCache cache, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (!await knowledge.DeleteSourceAsync(botId, sourceId, ct))
            return SourceNotFound();
        cache.Forget(botId);
        return TypedResults.NoContent();
    }

    private static string? Url(JsonFields fields)
    {
        var url = fields.String("url", 2_000);
        if (url is null)
            return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            fields.Fail("url", "'url' must be an absolute http or https URL.");
            return null;
        }

        return parsed.ToString();
    }

    private static string FirstLine(string text)
    {
        var line = text.TrimStart().Split('\n', 2)[0].Trim().TrimStart('#').Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }

    private static ApiError SourceNotFound() => ApiError.NotFound("source_not_found", "No source with this id.");
}
