namespace Parley.Server.Tests.Infrastructure;

public static class WorkspaceKeys
{
    /// <summary>A new API key for the workspace, as plaintext: the one time the server shows it.</summary>
    public static async Task<string> CreateWorkspaceKeyAsync(this AdminApi admin, string workspaceId)
    {
        var key = await admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { });
        return key.GetProperty("key").GetString()!;
    }
}
