using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Knowledge;

/// <summary>
/// <c>POST /v1/bots/{id}/search</c>: what the bot's knowledge search finds for a question, ranked, one passage per page,
/// exactly as an answer would receive it, without generating one or spending credits. For checking why a bot answers
/// as it does, and for measuring retrieval on its own.
/// </summary>
public static class SearchEndpoints
{
    private const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapKnowledgeSearch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/bots/{botId}/search", SearchAsync).WithTags("Knowledge").RequireAuthorization()
            .Accepts<SearchRequest>("application/json").ProducesApiErrors(400, 401, 404);
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ApiError>> SearchAsync(
        string botId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, KnowledgeRetriever retriever, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();

        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;
        var fields = new JsonFields(document!.RootElement);
        fields.RejectUnknown("query", "limit");
        var query = fields.String("query", 2_000, required: true);
        var limit = fields.Int("limit", 1, MaxLimit);
        if (fields.Error is { } invalid)
            return invalid;

        var passages = await retriever.RetrieveAsync(bot, query!, [], ct, limit);
        return TypedResults.Ok(new SearchResponse(query!, passages.Select(p =>
            new SearchPassage(p.Number, p.PageTitle, p.Url, p.SourceId, p.Heading, p.Score, p.Similarity is { } s ? Math.Round(s, 3) : null, p.Text)).ToList()));
    }
}

public sealed record SearchRequest(string Query, int? Limit);

public sealed record SearchResponse(string Query, IReadOnlyList<SearchPassage> Passages);

public sealed record SearchPassage(int Rank, string PageTitle, string? SourceUrl, string SourceId, string? Heading, double Score, double? Similarity, string Text);
