using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Workspaces;
using Parley.Server.Api;
using Parley.Server.Auth;

namespace Parley.Server.Workspaces;

/// <summary>
/// A workspace's API keys: created with a name, listed (never the key itself) and revoked. The admin key manages
/// every workspace's keys, and a workspace key its own workspace's: whoever holds a workspace key can already
/// mint more, so it must also be able to revoke one that leaked, itself included, without waiting for the operator.
/// </summary>
public static class ApiKeyEndpoints
{
    private const int MaxName = 200;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder workspaces)
    {
        workspaces.MapPost("/{id}/api_keys", CreateAsync).Accepts<ApiKeyRequest>("application/json");
        workspaces.MapGet("/{id}/api_keys", ListAsync);
        workspaces.MapDelete("/{id}/api_keys/{keyId}", RevokeAsync);
        return workspaces;
    }

    private static async Task<Results<Created<ApiKeyResponse>, ApiError>> CreateAsync(
        string id, HttpRequest request, ClaimsPrincipal user, IWorkspaceStore store, TimeProvider time, CancellationToken ct)
    {
        if (await WorkspaceEndpoints.FindAsync(id, user, store, ct) is not { } workspace)
            return WorkspaceEndpoints.NotFound();

        // The body is optional, so that a bare POST (as before keys had names) still creates an unnamed key.
        string? name = null;
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false })
        {
            var (document, error) = await JsonBody.ReadObjectAsync(request, ct: ct);
            if (error is not null)
                return error;
            using var _ = document;
            var fields = new JsonFields(document!.RootElement);
            fields.RejectUnknown("name");
            name = fields.String("name", MaxName);
            if (fields.Error is { } invalid)
                return invalid;
        }

        var secret = KeyHash.NewSecret("parley_ws_");
        var key = new ApiKey(Guid.CreateVersion7().ToString(), workspace.Id, name?.Trim(), secret[..14], KeyHash.Of(secret), time.GetUtcNow());
        await store.CreateApiKeyAsync(key, ct);
        return TypedResults.Created(
            $"/v1/workspaces/{workspace.Id}/api_keys/{key.Id}",
            new ApiKeyResponse(key.Id, key.WorkspaceId, key.Name, secret, key.Prefix, key.CreatedAt));
    }

    private static async Task<Results<Ok<ApiKeySummary[]>, ApiError>> ListAsync(
        string id, ClaimsPrincipal user, IWorkspaceStore store, CancellationToken ct)
    {
        if (await WorkspaceEndpoints.FindAsync(id, user, store, ct) is not { } workspace)
            return WorkspaceEndpoints.NotFound();
        var keys = await store.ListApiKeysAsync(workspace.Id, ct);
        return TypedResults.Ok(keys.Select(ApiKeySummary.From).ToArray());
    }

    /// <summary>The row is deleted, and every replica looks keys up in the database on each request, so the key fails at once everywhere.</summary>
    private static async Task<Results<NoContent, ApiError>> RevokeAsync(
        string id, string keyId, ClaimsPrincipal user, IWorkspaceStore store, ApiKeyUsage usage, CancellationToken ct)
    {
        if (await WorkspaceEndpoints.FindAsync(id, user, store, ct) is not { } workspace)
            return WorkspaceEndpoints.NotFound();
        if (!await store.DeleteApiKeyAsync(workspace.Id, keyId, ct))
            return ApiError.NotFound("api_key_not_found", "This workspace has no API key with this id.");
        usage.Forget(keyId);
        return TypedResults.NoContent();
    }
}
