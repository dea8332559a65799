using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Core.Workspaces;
using Parley.Server.Api;

namespace Parley.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with the admin key or a workspace API key. A workspace key is looked up in
/// the database on every request, never cached, so a revoked key is refused by every replica from the next request on.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    IWorkspaceStore workspaces,
    ApiKeyUsage usage)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ParleyKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var presented = header["Bearer ".Length..].Trim();
        if (presented.Length is 0 or > 256)
            return AuthenticateResult.Fail("Malformed key.");

        Claim[] claims;
        if (adminKey.Matches(presented))
        {
            claims = [new Claim(ParleyClaims.Role, ParleyClaims.AdminRole)];
        }
        else if (await workspaces.FindApiKeyByHashAsync(KeyHash.Of(presented), Context.RequestAborted) is { } key)
        {
            claims = [new Claim(ParleyClaims.Role, ParleyClaims.WorkspaceRole), new Claim(ParleyClaims.WorkspaceIdClaim, key.WorkspaceId)];
            await usage.RecordAsync(key);
        }
        else
        {
            return AuthenticateResult.Fail("Unknown key.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        new ApiError(StatusCodes.Status401Unauthorized, "unauthorized",
            "Send 'Authorization: Bearer <key>' with the admin key or a workspace API key.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.Forbidden("forbidden", "This key may not do that.").ExecuteAsync(Context);
}
