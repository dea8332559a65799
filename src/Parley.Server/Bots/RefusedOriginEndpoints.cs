using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;

namespace Parley.Server.Bots;

/// <summary>
/// <c>GET /v1/bots/{id}/refused_origins</c>: the sites the bot's allowed domains refused, most often refused first,
/// so the owner can add one of their own that was forgotten. Sites the allowed domains admit by now are left out.
/// </summary>
public static class RefusedOriginEndpoints
{
    public static IEndpointRouteBuilder MapRefusedOrigins(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/bots/{botId}/refused_origins", ListAsync).WithTags("Bots").RequireAuthorization().ProducesApiErrors(401, 404);
        return app;
    }

    private static async Task<Results<Ok<RefusedOriginResponse[]>, ApiError>> ListAsync(
        string botId, ClaimsPrincipal user, IBotStore bots, RefusedOrigins refused, IRefusedOriginStore store, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();

        // This server's latest counts first; other replicas' arrive within their next flush.
        await refused.FlushAsync();
        var domains = bot.AllowedDomains.Select(AllowedDomain.Parse).OfType<AllowedDomain>().ToList();
        var listed = new List<RefusedOriginResponse>();
        foreach (var row in await store.ListAsync(bot.Id, ct))
        {
            if (domains.Count == 0 || !Uri.TryCreate(row.Origin, UriKind.Absolute, out var url) || domains.Any(d => d.Matches(url)))
                continue;
            if (AllowedDomain.Parse(row.Origin) is { } domain)
                listed.Add(new RefusedOriginResponse(row.Origin, domain.ToString(), row.Refusals, row.LastSeen));
        }

        return TypedResults.Ok(listed.ToArray());
    }
}
