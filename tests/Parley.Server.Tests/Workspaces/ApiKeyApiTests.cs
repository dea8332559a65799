using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Workspaces;

/// <summary>
/// A workspace's keys are named when created, listed without the secret, and revoked: a leaked key stops working
/// on its very next request. The admin key manages every workspace's keys, a workspace key its own workspace's.
/// </summary>
public class ApiKeyApiTests : ParleyTest
{
    private const string UnknownId = "00000000-0000-0000-0000-000000000000";

    private string _workspace = null!;
    private string _otherWorkspace = null!;

    protected override async Task SeedAsync()
    {
        _workspace = await Admin.CreateWorkspaceAsync();
        _otherWorkspace = await Admin.CreateWorkspaceAsync();
    }

    [Fact]
    public async Task A_key_is_created_with_its_name_and_listed_with_name_prefix_and_times_but_never_the_key()
    {
        var created = await Admin.PostAsync($"/v1/workspaces/{_workspace}/api_keys", new { name = "  Shop backend  " });
        var key = created.GetProperty("key").GetString()!;
        Assert.Equal("Shop backend", created.GetProperty("name").GetString());

        var listed = (await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray().ToList();

        var entry = Assert.Single(listed);
        Assert.Equal(created.GetProperty("id").GetString(), entry.GetProperty("id").GetString());
        Assert.Equal(_workspace, entry.GetProperty("workspace_id").GetString());
        Assert.Equal("Shop backend", entry.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("prefix").GetString(), entry.GetProperty("prefix").GetString());
        Assert.StartsWith(entry.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.Equal(created.GetProperty("created_at").GetDateTimeOffset(), entry.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("last_used_at").ValueKind);
        Assert.Equal(["id", "workspace_id", "name", "prefix", "created_at", "last_used_at"], entry.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(key, entry.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_created_with_a_bare_post_has_no_name()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/workspaces/{_workspace}/api_keys");
        using var response = await Admin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = Assert.Single((await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task A_wrong_name_or_an_unknown_field_is_refused_and_creates_no_key()
    {
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/workspaces/{_workspace}/api_keys", new { name = new string('k', 201) }))
            .AssertInvalid("name");
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/workspaces/{_workspace}/api_keys", new { name = 7 }))
            .AssertInvalid("name");
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/workspaces/{_workspace}/api_keys", new { label = "CI" }))
            .AssertInvalid("label");

        Assert.Empty((await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray());
    }

    [Fact]
    public async Task Keys_are_listed_oldest_first_and_only_the_workspaces_own()
    {
        var first = await CreateKeyAsync(_workspace, "first");
        var second = await CreateKeyAsync(_workspace, "second");
        await CreateKeyAsync(_otherWorkspace, "elsewhere");

        var listed = (await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray()
            .Select(k => k.GetProperty("id").GetString()).ToList();

        Assert.Equal([first.Id, second.Id], listed);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401_on_its_next_request_and_the_others_keep_working()
    {
        var leaked = await CreateKeyAsync(_workspace, "leaked");
        var kept = await CreateKeyAsync(_workspace, "kept");
        using var leakedHttp = App.NewHttpClient(leaked.Key);
        using var keptHttp = App.NewHttpClient(kept.Key);
        (await leakedHttp.GetReplyAsync($"/v1/workspaces/{_workspace}")).AssertStatus(HttpStatusCode.OK);

        var revoked = await Admin.Http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{leaked.Id}");

        revoked.AssertStatus(HttpStatusCode.NoContent);
        (await leakedHttp.GetReplyAsync($"/v1/workspaces/{_workspace}")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        (await leakedHttp.GetReplyAsync("/v1/bots")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        (await keptHttp.GetReplyAsync($"/v1/workspaces/{_workspace}")).AssertStatus(HttpStatusCode.OK);
        var listed = (await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray().Select(k => k.GetProperty("id").GetString());
        Assert.Equal([kept.Id], listed);
    }

    [Fact]
    public async Task A_revoked_key_can_no_longer_chat_on_the_authenticated_endpoint()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: _workspace);
        var key = await CreateKeyAsync(_workspace, "backend");
        var chat = new ParleyChatClient(App.NewHttpClient(), key.Key);
        await chat.AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));

        await Admin.Http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{key.Id}");

        await Assert.ThrowsAsync<ParleyUnauthorizedException>(
            () => chat.AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession())));
    }

    [Fact]
    public async Task A_workspace_key_lists_and_revokes_its_own_workspaces_keys_itself_included()
    {
        var own = await CreateKeyAsync(_workspace, "own");
        var spare = await CreateKeyAsync(_workspace, "spare");
        using var http = App.NewHttpClient(own.Key);

        var listed = (await http.GetReplyAsync($"/v1/workspaces/{_workspace}/api_keys")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(2, listed.GetArrayLength());
        (await http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{spare.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{own.Id}")).AssertStatus(HttpStatusCode.NoContent);

        (await http.GetReplyAsync($"/v1/workspaces/{_workspace}/api_keys")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Empty((await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray());
    }

    [Fact]
    public async Task Another_workspaces_keys_are_a_404_and_stay_valid()
    {
        var own = await CreateKeyAsync(_workspace, "own");
        var foreign = await CreateKeyAsync(_otherWorkspace, "foreign");
        using var http = App.NewHttpClient(own.Key);

        var hiddenList = await http.GetReplyAsync($"/v1/workspaces/{_otherWorkspace}/api_keys");
        var missingList = await http.GetReplyAsync($"/v1/workspaces/{UnknownId}/api_keys");
        hiddenList.AssertError(HttpStatusCode.NotFound, "workspace_not_found");
        Assert.Equal(missingList.Body, hiddenList.Body);
        (await http.DeleteReplyAsync($"/v1/workspaces/{_otherWorkspace}/api_keys/{foreign.Id}")).AssertError(HttpStatusCode.NotFound, "workspace_not_found");
        // Nor through its own workspace's path: a key id of another workspace is as unknown as one that never was.
        var hiddenKey = await http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{foreign.Id}");
        var missingKey = await http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{UnknownId}");
        hiddenKey.AssertError(HttpStatusCode.NotFound, "api_key_not_found");
        Assert.Equal(missingKey.Body, hiddenKey.Body);

        using var foreignHttp = App.NewHttpClient(foreign.Key);
        (await foreignHttp.GetReplyAsync($"/v1/workspaces/{_otherWorkspace}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_a_key_twice_is_a_404_the_second_time()
    {
        var key = await CreateKeyAsync(_workspace, "once");

        (await Admin.Http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{key.Id}")).AssertStatus(HttpStatusCode.NoContent);
        (await Admin.Http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/api_keys/{key.Id}")).AssertError(HttpStatusCode.NotFound, "api_key_not_found");
    }

    [Fact]
    public async Task Last_used_at_is_set_by_the_keys_first_use_and_not_written_again_within_the_minute()
    {
        var key = await CreateKeyAsync(_workspace, "busy");
        using var http = App.NewHttpClient(key.Key);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        (await http.GetReplyAsync("/v1/bots")).AssertStatus(HttpStatusCode.OK);
        var first = await LastUsedAsync(key.Id);
        for (var i = 0; i < 5; i++)
            (await http.GetReplyAsync("/v1/bots")).AssertStatus(HttpStatusCode.OK);
        var later = await LastUsedAsync(key.Id);

        Assert.NotNull(first);
        Assert.InRange(first.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(first, later);
    }

    [Fact]
    public async Task Using_the_admin_key_marks_no_workspace_key_as_used()
    {
        var key = await CreateKeyAsync(_workspace, "idle");

        await Admin.GetAsync($"/v1/workspaces/{_workspace}");
        await Admin.GetAsync("/v1/bots");

        Assert.Null(await LastUsedAsync(key.Id));
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(string workspaceId, string name)
    {
        var created = await Admin.PostAsync($"/v1/workspaces/{workspaceId}/api_keys", new { name });
        return (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
    }

    private async Task<DateTimeOffset?> LastUsedAsync(string keyId)
    {
        var entry = (await Admin.GetAsync($"/v1/workspaces/{_workspace}/api_keys")).EnumerateArray()
            .Single(k => k.GetProperty("id").GetString() == keyId).GetProperty("last_used_at");
        return entry.ValueKind == JsonValueKind.Null ? null : entry.GetDateTimeOffset();
    }
}
