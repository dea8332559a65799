using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Insights;

/// <summary>What a bot's visitors ask and what it could not answer, for its owner (admin key or the bot's workspace key).</summary>
public static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/v1/bots/{botId}/insights").WithTags("Insights").RequireAuthorization();
        insights.MapGet("", GetAsync).ProducesApiErrors(400, 401, 404);
        insights.MapGet("/questions.csv", ExportAsync).ProducesApiErrors(400, 401, 404);
        return app;
    }

    private static async Task<Results<Ok<InsightsResponse>, ApiError>> GetAsync(
        string botId, string? from, string? to, ClaimsPrincipal user, IBotStore bots, InsightsReport report, TimeProvider time, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();
        var (range, invalid) = InsightsRange.Parse(from, to, time.GetUtcNow());
        if (invalid is not null)
            return invalid;
        return TypedResults.Ok(await report.BuildAsync(bot, range!, ct));
    }

    private static async Task<IResult> ExportAsync(
        string botId, string? from, string? to, ClaimsPrincipal user, IBotStore bots, QuestionsCsv csv, TimeProvider time, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();
        var (range, invalid) = InsightsRange.Parse(from, to, time.GetUtcNow());
        if (invalid is not null)
            return invalid;
        return TypedResults.Stream(
            output => csv.WriteAsync(bot, range!, output, ct),
            "text/csv; charset=utf-8",
            $"questions-{bot.Id}-{range!.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv");
    }
}
