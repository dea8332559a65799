using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Bots;
using Parley.Server.Chat.Admission;
using Parley.Server.Hosting;

namespace Parley.Server.Widget;

public static class WidgetEndpoints
{
    public const string PublicCorsPolicy = "public-widget";

    private static readonly Lazy<EmbeddedAsset> Script = new(() => EmbeddedAsset.Load("widget/widget.js", "text/javascript; charset=utf-8"));

    public static IServiceCollection AddParleyWidget(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(PublicCorsPolicy, policy => policy
            .SetIsOriginAllowed(_ => true)
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", (HttpContext http) => Script.Value.Serve(http)).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/v1/public/bots/{botId}/widget", GetConfigAsync)
            .WithTags("Widget")
            .AllowAnonymous()
            .RequireCors(PublicCorsPolicy)
            .ProducesApiErrors(403, 404);
        return app;
    }

    /// <summary>
    /// Refused on the same grounds as a chat message (private, inactive, another site, trial over), so the
    /// widget can say so before the visitor types, and a page that may not use the bot learns nothing of it.
    /// </summary>
    private static async Task<Results<Ok<WidgetConfigResponse>, ApiError>> GetConfigAsync(
        string botId, HttpRequest request, BotCache bots, OriginGuard origins, TimeProvider time, CancellationToken ct)
    {
        var (bot, workspace) = await bots.FindAsync(botId, ct);
        if (bot is null || workspace is null)
            return ApiError.NotFound("bot_not_found", "No bot with this id.");

        var refused = BotAvailabilityGuard.Check(bot, ChatAudience.Public)
            ?? origins.Check(bot, request)
            ?? TrialGuard.Check(workspace, time.GetUtcNow());
        if (refused is not null)
            return refused;

        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(From(bot));
    }

    private static WidgetConfigResponse From(Bot bot) => new(
        bot.Id,
        bot.Widget.Title ?? bot.Name,
        bot.WelcomeMessage,
        bot.SuggestedQuestions,
        bot.CitationsEnabled,
        bot.Widget.Color,
        bot.Widget.Position == WidgetPosition.Left ? "left" : "right",
        bot.Widget.AvatarUrl);
}
