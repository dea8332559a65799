using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>
/// Keys are kept only as hashes: a stolen data directory (database, write-ahead log, anything else in it)
/// or a stolen copy of the PostgreSQL database must not hand out working keys.
/// </summary>
public class KeyStorageTests : BackendTest, IAsyncLifetime
{
    private ParleyApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_workspace_key_is_nowhere_in_what_is_stored()
    {
        using var admin = _app.Admin();
        var marker = "key-storage-marker-" + Guid.NewGuid().ToString("N");
        var workspace = (await admin.PostAsync("/v1/workspaces", new { name = "Before " + marker })).GetProperty("id").GetString()!;
        var key = await admin.CreateWorkspaceKeyAsync(workspace);
        using var http = _app.NewHttpClient(key);
        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{workspace}", new { name = marker }))
            .AssertStatus(HttpStatusCode.OK);

        // The rename, written after the key, proves the scan sees what the server wrote.
        Assert.True(await StoredAnywhereAsync(marker), "the scan should find the workspace's new name");
        Assert.False(await StoredAnywhereAsync(key), "the workspace key is stored in plaintext");
    }

    [Fact]
    public async Task The_admin_key_is_nowhere_in_what_is_stored()
    {
        using var admin = _app.Admin();
        var marker = "admin-key-marker-" + Guid.NewGuid().ToString("N");
        await admin.PostAsync("/v1/workspaces", new { name = marker });

        Assert.True(await StoredAnywhereAsync(marker), "the scan should find the new workspace's name");
        Assert.False(await StoredAnywhereAsync(ParleyApp.AdminKey), "the admin key is stored in plaintext");
    }

    private async Task<bool> StoredAnywhereAsync(string text) => (await StoredData.PlacesHoldingAsync(_app, text)).Count > 0;
}
