using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Insights;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Insights;

/// <summary>What a bot's visitors ask and what it could not answer, for its owner (admin key or the bot's workspace key).</summary>
public static class InsightsEndpoints
{
    private const int MaxId = 200;

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/v1/bots/{botId}/insights").WithTags("Insights").RequireAuthorization();
        insights.MapGet("", GetAsync).ProducesApiErrors(400, 401, 404);
        insights.MapGet("/questions.csv", ExportAsync).ProducesApiErrors(400, 401, 404);
        insights.MapPost("/answers", SaveAnswerAsync).ProducesApiErrors(400, 401, 404);
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

    /// <summary>
    /// Records that the owner wrote a Q&amp;A source (created first, through the sources API) as the answer to a visitor
    /// question of the insights (its <c>message_id</c>), so the question's unanswered row shows the answer as saved.
    /// </summary>
    private static async Task<Results<NoContent, ApiError>> SaveAnswerAsync(
        string botId, HttpRequest request, ClaimsPrincipal user, IBotStore bots, IInsightsStore store, TimeProvider time, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();
        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        fields.RejectUnknown("message_id", "source_id");
        var messageId = fields.String("message_id", MaxId, required: true);
        var sourceId = fields.String("source_id", MaxId, required: true);
        if (fields.Error is { } invalid)
            return invalid;

        return await store.SaveWrittenAnswerAsync(bot.Id, messageId!, sourceId!, time.GetUtcNow(), ct) switch
        {
            WrittenAnswerResult.NoSuchQuestion => ApiError.Invalid("message_id", "'message_id' is not a question visitors asked this bot."),
            WrittenAnswerResult.NoSuchSource => ApiError.Invalid("source_id", "'source_id' is not a Q&A source of this bot."),
            _ => TypedResults.NoContent(),
        };
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
