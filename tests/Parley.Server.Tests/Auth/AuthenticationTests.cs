using System.Net;
using System.Net.Http.Headers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

public class AuthenticationTests : BackendTest, IAsyncLifetime
{
    private ParleyApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/v1/me")]
    [InlineData("GET", "/v1/workspaces")]
    [InlineData("POST", "/v1/workspaces")]
    [InlineData("GET", "/v1/bots")]
    [InlineData("POST", "/v1/bots")]
    [InlineData("GET", "/v1/bots/00000000-0000-0000-0000-000000000000/sources")]
    [InlineData("GET", "/v1/bots/00000000-0000-0000-0000-000000000000/conversations")]
    [InlineData("GET", "/v1/conversations/00000000-0000-0000-0000-000000000000")]
    [InlineData("POST", "/v1/chat/stream")]
    public async Task A_request_without_a_key_is_a_401_json_error(string method, string path)
    {
        using var http = _app.NewHttpClient();

        var reply = await http.SendRawAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_wrong_key_is_a_401()
    {
        using var http = _app.NewHttpClient("parley_ws_this-key-was-never-issued");

        var reply = await http.GetReplyAsync("/v1/bots");

        reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_admin_key_with_a_character_changed_is_a_401()
    {
        using var http = _app.NewHttpClient(ParleyApp.AdminKey[..^1] + "X");

        var reply = await http.GetReplyAsync("/v1/workspaces");

        reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_admin_key_under_another_scheme_than_bearer_is_a_401()
    {
        using var http = _app.NewHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", ParleyApp.AdminKey);

        var reply = await http.GetReplyAsync("/v1/workspaces");

        reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task An_overlong_key_is_a_401()
    {
        using var http = _app.NewHttpClient(new string('k', 10_000));

        var reply = await http.GetReplyAsync("/v1/bots");

        reply.AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_admin_key_opens_the_admin_api()
    {
        using var admin = _app.Admin();

        var workspace = await admin.PostAsync("/v1/workspaces", new { name = "Admin's own" });
        var list = await admin.GetAsync("/v1/workspaces");

        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("id").GetString() == workspace.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Me_tells_the_admin_key_it_is_the_admin()
    {
        using var admin = _app.Admin();

        var me = await admin.GetAsync("/v1/me");

        Assert.Equal("""{"role":"admin","workspace_id":null}""", me.GetRawText());
    }

    [Fact]
    public async Task Me_tells_a_workspace_key_its_role_and_its_workspace()
    {
        using var admin = _app.Admin();
        var workspace = await admin.CreateWorkspaceAsync();
        using var tenant = _app.Admin(await admin.CreateWorkspaceKeyAsync(workspace));

        var me = await tenant.GetAsync("/v1/me");

        Assert.Equal($$"""{"role":"workspace","workspace_id":"{{workspace}}"}""", me.GetRawText());
    }
}
