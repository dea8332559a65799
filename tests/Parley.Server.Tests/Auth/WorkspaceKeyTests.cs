using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Auth;

/// <summary>
/// A workspace key manages its own workspace and nothing else. Another workspace's things answer exactly
/// as if they did not exist, so a key cannot even learn which ids are taken.
/// </summary>
public class WorkspaceKeyTests : ParleyTest
{
    private const string UnknownId = "00000000-0000-0000-0000-000000000000";

    private string _ownWorkspace = null!;
    private string _ownBot = null!;
    private string _otherWorkspace = null!;
    private string _otherBot = null!;
    private string _otherSource = null!;
    private string _otherConversation = null!;
    private string _key = null!;

    protected override async Task SeedAsync()
    {
        _ownWorkspace = await Admin.CreateWorkspaceAsync();
        _ownBot = await Admin.CreateBotAsync(new { name = "Own bot" }, _ownWorkspace);
        _otherWorkspace = await Admin.CreateWorkspaceAsync();
        _otherBot = await Admin.CreateBotAsync(new { name = "Other bot" }, _otherWorkspace);
        _otherSource = await Admin.AddTextAsync(_otherBot, SampleKnowledge.Refunds.Title, SampleKnowledge.Refunds.Text, SampleKnowledge.Refunds.Url);
        var answer = await App.PublicChat().AskAsync(new ChatRequest(_otherBot, "How long do refunds take?", ChatStreams.NewSession()));
        _otherConversation = answer.ConversationId;
        _key = await Admin.CreateWorkspaceKeyAsync(_ownWorkspace);
    }

    [Fact]
    public async Task Creating_a_workspace_key_shows_the_key_with_its_prefix_and_id()
    {
        var created = await Admin.PostAsync($"/v1/workspaces/{_ownWorkspace}/api_keys", new { });

        Assert.True(Guid.TryParse(created.GetProperty("id").GetString(), out _));
        Assert.Equal(_ownWorkspace, created.GetProperty("workspace_id").GetString());
        var key = created.GetProperty("key").GetString()!;
        Assert.True(key.Length >= 32, "a key should be a long random secret");
        Assert.StartsWith(created.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.True(created.GetProperty("prefix").GetString()!.Length < key.Length);
        Assert.True(created.TryGetProperty("created_at", out _));
        Assert.NotEqual(_key, key);
    }

    [Fact]
    public async Task A_workspace_key_reads_and_changes_its_own_bots()
    {
        using var http = App.NewHttpClient(_key);

        (await http.GetReplyAsync($"/v1/bots/{_ownBot}")).AssertStatus(HttpStatusCode.OK);
        var renamed = (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{_ownBot}", new { name = "Own bot, renamed" }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Own bot, renamed", renamed.Json.GetProperty("name").GetString());
        (await http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{_ownBot}/sources", new { type = "qa", question = "Open on Sundays?", answer = "No." }))
            .AssertStatus(HttpStatusCode.Created);
        (await http.GetReplyAsync($"/v1/bots/{_ownBot}/conversations")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bot_created_with_a_workspace_key_and_no_workspace_id_lands_in_the_keys_workspace()
    {
        using var http = App.NewHttpClient(_key);

        var created = (await http.SendReplyAsync(HttpMethod.Post, "/v1/bots", new { name = "Implicit" })).AssertStatus(HttpStatusCode.Created);
        var explicitly = (await http.SendReplyAsync(HttpMethod.Post, "/v1/bots", new { name = "Explicit", workspace_id = _ownWorkspace }))
            .AssertStatus(HttpStatusCode.Created);

        Assert.Equal(_ownWorkspace, created.Json.GetProperty("workspace_id").GetString());
        Assert.Equal(_ownWorkspace, explicitly.Json.GetProperty("workspace_id").GetString());
    }

    [Fact]
    public async Task A_workspace_key_lists_only_its_own_bots_even_when_it_asks_for_another_workspace()
    {
        using var http = App.NewHttpClient(_key);

        foreach (var path in new[] { "/v1/bots", $"/v1/bots?workspace_id={_otherWorkspace}" })
        {
            var bots = (await http.GetReplyAsync(path)).AssertStatus(HttpStatusCode.OK).Json.EnumerateArray().ToList();
            Assert.Contains(bots, b => b.GetProperty("id").GetString() == _ownBot);
            Assert.All(bots, b => Assert.Equal(_ownWorkspace, b.GetProperty("workspace_id").GetString()));
        }
    }

    [Fact]
    public async Task Another_workspaces_bot_is_a_404_indistinguishable_from_a_missing_one()
    {
        using var http = App.NewHttpClient(_key);

        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/bots/{_otherBot}", $"/v1/bots/{UnknownId}", "bot_not_found");
        await AssertHiddenAsync(http, HttpMethod.Patch, $"/v1/bots/{_otherBot}", $"/v1/bots/{UnknownId}", "bot_not_found", new { name = "Taken over" });
        await AssertHiddenAsync(http, HttpMethod.Delete, $"/v1/bots/{_otherBot}", $"/v1/bots/{UnknownId}", "bot_not_found");

        var untouched = await Admin.GetAsync($"/v1/bots/{_otherBot}");
        Assert.Equal("Other bot", untouched.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_workspaces_sources_are_a_404()
    {
        using var http = App.NewHttpClient(_key);

        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/bots/{_otherBot}/sources", $"/v1/bots/{UnknownId}/sources", "bot_not_found");
        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/bots/{_otherBot}/sources/{_otherSource}", $"/v1/bots/{UnknownId}/sources/{_otherSource}", "bot_not_found");
        await AssertHiddenAsync(http, HttpMethod.Delete, $"/v1/bots/{_otherBot}/sources/{_otherSource}", $"/v1/bots/{UnknownId}/sources/{_otherSource}", "bot_not_found");
        await AssertHiddenAsync(http, HttpMethod.Post, $"/v1/bots/{_otherBot}/sources", $"/v1/bots/{UnknownId}/sources", "bot_not_found",
            new { type = "qa", question = "Planted?", answer = "Yes." });

        var sources = await Admin.GetAsync($"/v1/bots/{_otherBot}/sources");
        Assert.Equal(_otherSource, Assert.Single(sources.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Another_workspaces_conversations_are_a_404()
    {
        using var http = App.NewHttpClient(_key);

        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/bots/{_otherBot}/conversations", $"/v1/bots/{UnknownId}/conversations", "bot_not_found");
        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/conversations/{_otherConversation}", $"/v1/conversations/{UnknownId}", "conversation_not_found");
    }

    [Fact]
    public async Task Another_workspace_is_a_404_and_missing_from_the_list()
    {
        using var http = App.NewHttpClient(_key);

        await AssertHiddenAsync(http, HttpMethod.Get, $"/v1/workspaces/{_otherWorkspace}", $"/v1/workspaces/{UnknownId}", "workspace_not_found");
        await AssertHiddenAsync(http, HttpMethod.Patch, $"/v1/workspaces/{_otherWorkspace}", $"/v1/workspaces/{UnknownId}", "workspace_not_found", new { name = "Mine now" });
        await AssertHiddenAsync(http, HttpMethod.Post, $"/v1/workspaces/{_otherWorkspace}/api_keys", $"/v1/workspaces/{UnknownId}/api_keys", "workspace_not_found", new { });

        var workspaces = (await http.GetReplyAsync("/v1/workspaces")).AssertStatus(HttpStatusCode.OK).Json;
        Assert.Equal(_ownWorkspace, Assert.Single(workspaces.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Creating_a_bot_in_another_workspace_is_a_403()
    {
        using var http = App.NewHttpClient(_key);

        var reply = await http.SendReplyAsync(HttpMethod.Post, "/v1/bots", new { name = "Cuckoo", workspace_id = _otherWorkspace });

        reply.AssertError(HttpStatusCode.Forbidden, "forbidden");
        var bots = await Admin.GetAsync($"/v1/bots?workspace_id={_otherWorkspace}");
        Assert.DoesNotContain(bots.EnumerateArray(), b => b.GetProperty("name").GetString() == "Cuckoo");
    }

    [Fact]
    public async Task A_workspace_key_cannot_change_its_credits_or_trial_end()
    {
        using var http = App.NewHttpClient(_key);
        var before = await Admin.GetAsync($"/v1/workspaces/{_ownWorkspace}");

        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{_ownWorkspace}", new { credits = 1_000_000 }))
            .AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{_ownWorkspace}", new { trial_ends_at = "2099-01-01T00:00:00Z" }))
            .AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{_ownWorkspace}", new { trial_ends_at = (string?)null }))
            .AssertError(HttpStatusCode.Forbidden, "forbidden");
        (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{_ownWorkspace}", new { name = "Sneaky", credits = 5 }))
            .AssertError(HttpStatusCode.Forbidden, "forbidden");

        var after = await Admin.GetAsync($"/v1/workspaces/{_ownWorkspace}");
        Assert.Equal(before.GetProperty("credits").GetDecimal(), after.GetProperty("credits").GetDecimal());
        Assert.Equal(before.GetProperty("trial_ends_at").ValueKind, after.GetProperty("trial_ends_at").ValueKind);
        Assert.Equal(before.GetProperty("name").GetString(), after.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_workspace_key_may_rename_its_workspace()
    {
        using var http = App.NewHttpClient(_key);

        var reply = (await http.SendReplyAsync(HttpMethod.Patch, $"/v1/workspaces/{_ownWorkspace}", new { name = "Acme Europe" }))
            .AssertStatus(HttpStatusCode.OK);

        Assert.Equal("Acme Europe", reply.Json.GetProperty("name").GetString());
        Assert.Equal("Acme Europe", (await Admin.GetAsync($"/v1/workspaces/{_ownWorkspace}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_workspace_key_cannot_create_workspaces()
    {
        using var http = App.NewHttpClient(_key);

        var reply = await http.SendReplyAsync(HttpMethod.Post, "/v1/workspaces", new { name = "Shadow tenant" });

        reply.AssertError(HttpStatusCode.Forbidden, "forbidden");
        var all = await Admin.GetAsync("/v1/workspaces");
        Assert.DoesNotContain(all.EnumerateArray(), w => w.GetProperty("name").GetString() == "Shadow tenant");
    }

    [Fact]
    public async Task A_workspace_key_cannot_chat_with_another_workspaces_bot_on_the_authenticated_endpoint()
    {
        var chat = new ParleyChatClient(App.NewHttpClient(), _key);

        var refused = await Assert.ThrowsAsync<ParleyNotFoundException>(
            () => chat.AskAsync(new ChatRequest(_otherBot, "How long do refunds take?", ChatStreams.NewSession())));

        Assert.Equal("bot_not_found", refused.Error);
    }

    /// <summary>
    /// The other workspace's thing and a thing that does not exist must get the same answer, byte for byte,
    /// and the call must change nothing.
    /// </summary>
    private static async Task AssertHiddenAsync(HttpClient http, HttpMethod method, string path, string missingPath, string error, object? body = null)
    {
        var hidden = await http.SendReplyAsync(method, path, body);
        var missing = await http.SendReplyAsync(method, missingPath, body);

        hidden.AssertError(HttpStatusCode.NotFound, error);
        Assert.Equal(missing.Body, hidden.Body);
    }
}
