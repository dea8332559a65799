using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Workspaces;
using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Chat.Providers;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Secrets;

namespace Parley.Server.Bots;

public static class BotEndpoints
{
    public static IEndpointRouteBuilder MapBots(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/bots").WithTags("Bots").RequireAuthorization()
            .ProducesApiErrors(400, 401, 403, 404);
        group.MapPost("/", CreateAsync).Accepts<BotRequest>("application/json");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync).Accepts<BotRequest>("application/json");
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/model/test", TestModelAsync).Accepts<ModelTestRequest>("application/json");
        return app;
    }

    /// <summary>
    /// What a bot created without a <c>rate_limit</c> gets: a person types a message every few seconds at most, so this
    /// never bothers one, while a script looping on a public bot is stopped within a minute instead of spending credits.
    /// </summary>
    public static readonly RateLimitSettings DefaultRateLimit = new(MaxMessages: 20, WindowSeconds: 60);

    private static async Task<Results<Created<BotResponse>, ApiError>> CreateAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        IBotStore bots,
        IWorkspaceStore workspaces,
        SecretProtector secrets,
        IOptions<ModelOptions> deployment,
        TimeProvider time,
        CancellationToken ct)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        var workspaceId = fields.String("workspace_id", 64, required: user.IsAdmin()) ?? user.WorkspaceId();
        fields.String("name", 200, required: true);
        var now = time.GetUtcNow();
        var bot = BotSettingsReader.Apply(
            new Bot
            {
                Id = Guid.CreateVersion7().ToString(), WorkspaceId = workspaceId ?? "", Name = "", RateLimit = DefaultRateLimit, CreatedAt = now, UpdatedAt = now,
            },
            fields,
            secrets);
        if (fields.Error is { } invalid)
            return invalid;

        if (!user.CanManage(bot.WorkspaceId))
            return ApiError.Forbidden("forbidden", "A workspace key may create bots only in its own workspace.");
        if (await workspaces.GetAsync(bot.WorkspaceId, ct) is null)
            return ApiError.Invalid("workspace_id", "No workspace with this id.");

        await bots.CreateAsync(bot, ct);
        return TypedResults.Created($"/v1/bots/{bot.Id}", BotResponse.From(bot, deployment.Value));
    }

    private static async Task<Ok<BotResponse[]>> ListAsync(
        [FromQuery(Name = "workspace_id")] string? workspaceId, ClaimsPrincipal user, IBotStore bots, IOptions<ModelOptions> deployment, CancellationToken ct)
    {
        var scope = user.IsAdmin() ? workspaceId : user.WorkspaceId();
        var list = await bots.ListAsync(scope, ct);
        return TypedResults.Ok(list.Select(bot => BotResponse.From(bot, deployment.Value)).ToArray());
    }

    private static async Task<Results<Ok<BotResponse>, ApiError>> GetAsync(
        string id, ClaimsPrincipal user, IBotStore bots, IOptions<ModelOptions> deployment, CancellationToken ct) =>
        await FindAsync(id, user, bots, ct) is { } bot ? TypedResults.Ok(BotResponse.From(bot, deployment.Value)) : NotFound();

    private static async Task<Results<Ok<BotResponse>, ApiError>> UpdateAsync(
        string id,
        HttpRequest request,
        ClaimsPrincipal user,
        IBotStore bots,
        BotCache cache,
        SecretProtector secrets,
        ReembeddingSignal reembedding,
        IOptions<ModelOptions> deployment,
        TimeProvider time,
        CancellationToken ct)
    {
        if (await FindAsync(id, user, bots, ct) is not { } bot)
            return NotFound();

        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        if (fields.Has("workspace_id"))
            return ApiError.Invalid("workspace_id", "A bot cannot move to another workspace.");

        var updated = BotSettingsReader.Apply(bot, fields, secrets) with { UpdatedAt = time.GetUtcNow() };
        if (fields.Error is { } invalid)
            return invalid;

        await bots.UpdateAsync(updated, ct);
        await cache.ForgetAsync(id);
        if (updated.Embedding != bot.Embedding)
            reembedding.ModelChanged();
        return TypedResults.Ok(BotResponse.From(updated, deployment.Value));
    }

    private static async Task<Results<NoContent, ApiError>> DeleteAsync(
        string id, ClaimsPrincipal user, IBotStore bots, BotCache cache, CancellationToken ct)
    {
        if (await FindAsync(id, user, bots, ct) is null)
            return NotFound();
        await bots.DeleteAsync(id, ct);
        await cache.ForgetAsync(id);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Tries the bot's model with one tiny call. The optional body's <c>model</c> is read as a <c>PATCH</c> would read
    /// it, over the saved one, so settings can be tested before they are saved, with the stored key while the provider
    /// and address stay the same; <c>"model": null</c> tests the server's model. Nothing is saved.
    /// </summary>
    private static async Task<Results<Ok<ModelTestResult>, ApiError>> TestModelAsync(
        string id, HttpRequest request, ClaimsPrincipal user, IBotStore bots, SecretProtector secrets, ModelConnectionTest test, CancellationToken ct)
    {
        if (await FindAsync(id, user, bots, ct) is not { } bot)
            return NotFound();

        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
            if (error is not null)
                return error;
            using var _ = document;
            var fields = new JsonFields(document!.RootElement);
            fields.RejectUnknown("model");
            var model = ModelSettingsReader.Read(fields, bot.Model, secrets);
            if (fields.Error is { } invalid)
                return invalid;
            bot = bot with { Model = model };
        }

        return TypedResults.Ok(await test.RunAsync(bot, ct));
    }

    /// <summary>A bot of another workspace is reported as missing, so keys cannot probe for ids.</summary>
    internal static async Task<Bot?> FindAsync(string id, ClaimsPrincipal user, IBotStore bots, CancellationToken ct) =>
        await bots.GetAsync(id, ct) is { } bot && user.CanManage(bot.WorkspaceId) ? bot : null;

    internal static ApiError NotFound() => ApiError.NotFound("bot_not_found", "No bot with this id.");
}
