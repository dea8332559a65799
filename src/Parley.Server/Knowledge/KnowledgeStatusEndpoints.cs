using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Bots;
using Parley.Server.Knowledge.Index;

namespace Parley.Server.Knowledge;

/// <summary>
/// <c>GET /v1/bots/{id}/knowledge</c>: how much of a bot's knowledge is searchable by meaning with its current
/// embedding model. After the model changes, <c>embedded_chunks</c> climbs back to <c>chunks</c> as the
/// background re-embedding proceeds; until then the rest is found by words alone.
/// </summary>
public static class KnowledgeStatusEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/bots/{botId}/knowledge", GetAsync).WithTags("Knowledge").RequireAuthorization().ProducesApiErrors(401, 404);
        return app;
    }

    private static async Task<Results<Ok<KnowledgeStatusResponse>, ApiError>> GetAsync(
        string botId, ClaimsPrincipal user, IBotStore bots, KnowledgeIndexes indexes, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();
        var index = await indexes.GetAsync(bot, ct);
        return TypedResults.Ok(new KnowledgeStatusResponse(index.Count, index.Vectors?.Count ?? 0, index.Model.Id));
    }
}

public sealed record KnowledgeStatusResponse(int Chunks, int EmbeddedChunks, string? EmbeddingModel);
