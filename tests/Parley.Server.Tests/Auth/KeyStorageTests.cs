using System.Net;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>
/// Keys are kept only as hashes: a stolen data directory (database, write-ahead log, anything else in it)
/// must not hand out working keys.
/// </summary>
public sealed class KeyStorageTests : IAsyncLifetime
{
    private ParleyApp _app = null!;

    public async Task InitializeAsync() => _app = await ParleyApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_workspace_key_is_nowhere_in_the_data_directory()
    {
        using var admin = _app.Admin();
        var marker = "key-storage-marker-" + Guid.NewGuid().ToString("N");
        var workspace = (await admin.PostAsync("/v1/workspaces", new { name = "Before " + marker })).GetProperty("id").GetString()!;
        var key = await admin.CreateWorkspaceKeyAsync(workspace);
        using var http = _app.NewHttpClient(key);
        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{workspace}", new { name = marker }))
            .AssertStatus(HttpStatusCode.OK);

        // The rename, written after the key, proves the scan sees what the server wrote.
        Assert.True(DataDirectoryContains(marker), "the scan should find the workspace's new name");
        Assert.False(DataDirectoryContains(key), "the workspace key is stored in plaintext");
    }

    [Fact]
    public async Task The_admin_key_is_nowhere_in_the_data_directory()
    {
        using var admin = _app.Admin();
        var marker = "admin-key-marker-" + Guid.NewGuid().ToString("N");
        await admin.PostAsync("/v1/workspaces", new { name = marker });

        Assert.True(DataDirectoryContains(marker), "the scan should find the new workspace's name");
        Assert.False(DataDirectoryContains(ParleyApp.AdminKey), "the admin key is stored in plaintext");
    }

    private bool DataDirectoryContains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var files = Directory.EnumerateFiles(_app.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            // The server holds these files open (SQLite and its -wal/-shm), so read without asking for exclusivity.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            if (bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(needle) >= 0)
                return true;
        }

        return false;
    }
}
