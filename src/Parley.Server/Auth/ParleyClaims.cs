using System.Security.Claims;

namespace Parley.Server.Auth;

/// <summary>Who is calling: the deployment's admin, or the holder of one workspace's key.</summary>
public static class ParleyClaims
{
    public const string Role = "parley:role";
    public const string WorkspaceIdClaim = "parley:workspace_id";
    public const string AdminRole = "admin";
    public const string WorkspaceRole = "workspace";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.FindFirstValue(Role) == AdminRole;

    /// <summary>The workspace a workspace key belongs to; null for the admin.</summary>
    public static string? WorkspaceId(this ClaimsPrincipal user) => user.FindFirstValue(WorkspaceIdClaim);

    public static bool CanManage(this ClaimsPrincipal user, string workspaceId) =>
        user.IsAdmin() || user.WorkspaceId() == workspaceId;
}
