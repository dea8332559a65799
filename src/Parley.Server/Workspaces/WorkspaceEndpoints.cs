using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Core.Workspaces;
using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Bots;
using Parley.Server.Credits;
using Parley.Server.Privacy;

namespace Parley.Server.Workspaces;

public static class WorkspaceEndpoints
{
    private const int MaxName = 200;

    public static IEndpointRouteBuilder MapWorkspaces(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/workspaces").WithTags("Workspaces").RequireAuthorization()
            .ProducesApiErrors(400, 401, 403, 404);
        group.MapPost("/", CreateAsync).RequireAuthorization(AuthExtensions.AdminOnly).Accepts<WorkspaceRequest>("application/json");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync).Accepts<WorkspaceRequest>("application/json");
        group.MapApiKeys();
        group.MapVisitorErasure();
        return app;
    }

    private static async Task<Results<Created<WorkspaceResponse>, ApiError>> CreateAsync(
        HttpRequest request, IWorkspaceStore store, IOptions<CreditOptions> credits, TimeProvider time, CancellationToken ct)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        fields.RejectUnknown("name", "credits", "trial_ends_at", "retention_days");
        var name = fields.String("name", MaxName, required: true);
        var amount = fields.Decimal("credits", 0, 1_000_000_000) ?? credits.Value.NewWorkspace;
        var trialEndsAt = fields.Timestamp("trial_ends_at");
        var retentionDays = RetentionDays(fields);
        if (fields.Error is { } invalid)
            return invalid;

        var workspace = new Workspace(Guid.CreateVersion7().ToString(), name!.Trim(), amount, trialEndsAt, time.GetUtcNow())
        {
            RetentionDays = retentionDays,
        };
        await store.CreateAsync(workspace, ct);
        return TypedResults.Created($"/v1/workspaces/{workspace.Id}", WorkspaceResponse.From(workspace));
    }

    private static async Task<Ok<WorkspaceResponse[]>> ListAsync(ClaimsPrincipal user, IWorkspaceStore store, CancellationToken ct)
    {
        var all = await store.ListAsync(ct);
        return TypedResults.Ok(all.Where(w => user.CanManage(w.Id)).Select(WorkspaceResponse.From).ToArray());
    }

    private static async Task<Results<Ok<WorkspaceResponse>, ApiError>> GetAsync(
        string id, ClaimsPrincipal user, IWorkspaceStore store, CancellationToken ct) =>
        await FindAsync(id, user, store, ct) is { } workspace
            ? TypedResults.Ok(WorkspaceResponse.From(workspace))
            : NotFound();

    /// <summary>
    /// A workspace key may rename its workspace and choose how long its conversations are kept; credits and the
    /// trial are the operator's to set.
    /// </summary>
    private static async Task<Results<Ok<WorkspaceResponse>, ApiError>> UpdateAsync(
        string id, HttpRequest request, ClaimsPrincipal user, IWorkspaceStore store, BotCache cache, CancellationToken ct)
    {
        if (await FindAsync(id, user, store, ct) is not { } workspace)
            return NotFound();

        var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        fields.RejectUnknown("name", "credits", "trial_ends_at", "retention_days");
        if (!user.IsAdmin() && (fields.Has("credits") || fields.Has("trial_ends_at")))
            return ApiError.Forbidden("forbidden", "Only the admin key may change credits or the trial end.");
        if (fields.IsNull("name"))
            return ApiError.Invalid("name", "'name' must not be empty.");
        if (fields.IsNull("credits"))
            return ApiError.Invalid("credits", "'credits' must be a number.");

        var name = fields.String("name", MaxName);
        var amount = fields.Decimal("credits", 0, 1_000_000_000);
        var trialEndsAt = fields.Timestamp("trial_ends_at");
        var retentionDays = RetentionDays(fields);
        if (fields.Error is { } invalid)
            return invalid;

        workspace = workspace with
        {
            Name = name?.Trim() ?? workspace.Name,
            Credits = amount ?? workspace.Credits,
            TrialEndsAt = fields.Has("trial_ends_at") ? trialEndsAt : workspace.TrialEndsAt,
            RetentionDays = fields.Has("retention_days") ? retentionDays : workspace.RetentionDays,
        };
        await store.UpdateAsync(workspace, ct);
        await cache.ForgetAllAsync();
        return TypedResults.Ok(WorkspaceResponse.From(workspace));
    }

    /// <summary>Whole days from 1 to ten years; null (or leaving it out) keeps conversations until they are deleted.</summary>
    private static int? RetentionDays(JsonFields fields) => fields.Int("retention_days", 1, Workspace.MaxRetentionDays);

    /// <summary>Another tenant's workspace is reported as missing, so keys cannot probe for ids.</summary>
    internal static async Task<Workspace?> FindAsync(string id, ClaimsPrincipal user, IWorkspaceStore store, CancellationToken ct) =>
        user.CanManage(id) ? await store.GetAsync(id, ct) : null;

    internal static ApiError NotFound() => ApiError.NotFound("workspace_not_found", "No workspace with this id.");
}
