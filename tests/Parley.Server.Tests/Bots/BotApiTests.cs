using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

public class BotApiTests : ParleyTest
{
    private const string UnknownId = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task Creating_a_bot_answers_201_with_the_bot_and_its_location()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/bots", new { workspace_id = workspaceId, name = "  Kettle helper  " });

        reply.AssertStatus(HttpStatusCode.Created);
        var bot = reply.Json;
        var id = bot.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"/v1/bots/{id}", reply.Location!.OriginalString);
        Assert.Equal(workspaceId, bot.GetProperty("workspace_id").GetString());
        Assert.Equal("Kettle helper", bot.GetProperty("name").GetString());
        var createdAt = bot.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(createdAt, bot.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_created_bot_reads_back_exactly_as_created()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        var created = await Admin.PostAsync("/v1/bots", new { workspace_id = workspaceId, name = "Echo", allowed_domains = new[] { "example.com" } });

        var fetched = await Admin.GetAsync($"/v1/bots/{created.GetProperty("id").GetString()}");

        Assert.Equal(created.GetRawText(), fetched.GetRawText());
    }

    [Fact]
    public async Task The_admin_lists_one_workspaces_bots_with_workspace_id_and_every_bot_without()
    {
        var first = await Admin.CreateWorkspaceAsync();
        var second = await Admin.CreateWorkspaceAsync();
        var a = await Admin.CreateBotAsync(new { name = "A" }, first);
        var b = await Admin.CreateBotAsync(new { name = "B" }, first);
        var c = await Admin.CreateBotAsync(new { name = "C" }, second);

        var firstOnly = Ids(await Admin.GetAsync($"/v1/bots?workspace_id={first}"));
        var secondOnly = Ids(await Admin.GetAsync($"/v1/bots?workspace_id={second}"));
        var all = Ids(await Admin.GetAsync("/v1/bots"));

        Assert.Equal([a, b], firstOnly);
        Assert.Equal([c], secondOnly);
        Assert.Contains(a, all);
        Assert.Contains(b, all);
        Assert.Contains(c, all);
    }

    [Fact]
    public async Task Listing_the_bots_of_a_workspace_without_any_is_an_empty_list()
    {
        var empty = await Admin.CreateWorkspaceAsync();

        Assert.Empty(Ids(await Admin.GetAsync($"/v1/bots?workspace_id={empty}")));
    }

    [Fact]
    public async Task A_workspace_key_lists_only_its_own_workspaces_bots()
    {
        var own = await Admin.CreateWorkspaceAsync();
        var other = await Admin.CreateWorkspaceAsync();
        var mine = await Admin.CreateBotAsync(new { name = "Mine" }, own);
        await Admin.CreateBotAsync(new { name = "Theirs" }, other);
        using var keyed = App.Admin(await Admin.CreateWorkspaceKeyAsync(own));

        Assert.Equal([mine], Ids(await keyed.GetAsync("/v1/bots")));
        Assert.Equal([mine], Ids(await keyed.GetAsync($"/v1/bots?workspace_id={other}")));
    }

    [Fact]
    public async Task A_patch_moves_updated_at_but_not_created_at()
    {
        var id = await Admin.CreateBotAsync();
        var before = await Admin.GetAsync($"/v1/bots/{id}");
        await Task.Delay(20);

        var after = await Admin.PatchAsync($"/v1/bots/{id}", new { welcome_message = "Hello again." });

        Assert.Equal(before.GetProperty("created_at").GetDateTimeOffset(), after.GetProperty("created_at").GetDateTimeOffset());
        Assert.True(after.GetProperty("updated_at").GetDateTimeOffset() > before.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Deleting_a_bot_makes_it_404_on_the_admin_api()
    {
        var workspaceId = await Admin.CreateWorkspaceAsync();
        var id = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspaceId);

        var deleted = await Admin.Http.DeleteReplyAsync($"/v1/bots/{id}");

        deleted.AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty(deleted.Body);
        (await Admin.Http.GetReplyAsync($"/v1/bots/{id}")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{id}", new { name = "Zombie" })).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.DeleteReplyAsync($"/v1/bots/{id}")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.GetReplyAsync($"/v1/bots/{id}/sources")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.GetReplyAsync($"/v1/bots/{id}/conversations")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        Assert.DoesNotContain(id, Ids(await Admin.GetAsync($"/v1/bots?workspace_id={workspaceId}")));
    }

    [Fact]
    public async Task Deleting_a_bot_makes_the_public_chat_answer_404_bot_not_found()
    {
        var id = await Admin.CreateKnowledgeableBotAsync();
        var chat = App.PublicChat();
        var before = await chat.AskAsync(new ChatRequest(id, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Contains("5 business days", before.Text, StringComparison.Ordinal);

        (await Admin.Http.DeleteReplyAsync($"/v1/bots/{id}")).AssertStatus(HttpStatusCode.NoContent);

        var refused = await Assert.ThrowsAsync<ParleyNotFoundException>(
            () => chat.AskAsync(new ChatRequest(id, "How long do refunds take?", ChatStreams.NewSession())));
        Assert.Equal("bot_not_found", refused.Error);
        (await Admin.Http.GetReplyAsync($"/v1/conversations/{before.ConversationId}")).AssertError(HttpStatusCode.NotFound, "conversation_not_found");
    }

    [Fact]
    public async Task An_unknown_bot_is_a_404_bot_not_found()
    {
        const string path = $"/v1/bots/{UnknownId}";

        (await Admin.Http.GetReplyAsync(path)).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, path, new { name = "Ghost" })).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.DeleteReplyAsync(path)).AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bot_and_chat_endpoints()
    {
        using var http = App.NewHttpClient();

        var reply = await http.GetReplyAsync("/openapi/v1.json");

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json", reply.ContentType);
        var paths = reply.Json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/bots", out _), "the document should describe /v1/bots");
        Assert.True(paths.TryGetProperty("/v1/public/chat/stream", out _), "the document should describe /v1/public/chat/stream");
        Assert.StartsWith("3.", reply.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Ids(System.Text.Json.JsonElement array) =>
        array.EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
}
