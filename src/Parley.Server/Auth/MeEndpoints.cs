using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Api;

namespace Parley.Server.Auth;

/// <summary><c>GET /v1/me</c>: which key is calling, so a client can offer only what that key may do.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/me", Get).WithTags("Auth").RequireAuthorization().ProducesApiErrors(401);
        return app;
    }

    private static Ok<MeResponse> Get(ClaimsPrincipal user) =>
        TypedResults.Ok(user.IsAdmin()
            ? new MeResponse(ParleyClaims.AdminRole, null)
            : new MeResponse(ParleyClaims.WorkspaceRole, user.WorkspaceId()));
}
