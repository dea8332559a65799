using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// Editing a source in place with <c>PATCH /v1/bots/{id}/sources/{source_id}</c>: a text or a Q&amp;A pair is indexed
/// again at once, so the next visitor is answered from the new version; a fetched source's re-sync schedule changes.
/// </summary>
public class SourceEditingTests : ParleyTest
{
    private string _botId = null!;

    protected override async Task SeedAsync()
    {
        _botId = await Admin.CreateBotAsync();
    }

    [Fact]
    public async Task Editing_a_text_changes_what_the_bot_answers_at_once()
    {
        var sourceId = await Admin.AddTextAsync(_botId, "Opening hours", "Our shop in Lyon is open from 9 am to 5 pm on weekdays.", "https://shop.example.com/hours");
        var chat = App.PublicChat();
        var before = await chat.AskAsync(new ChatRequest(_botId, "When is the Lyon shop open?", ChatStreams.NewSession()));
        Assert.Contains("9 am to 5 pm", before.Text, StringComparison.Ordinal);

        var edited = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new
        {
            title = "Opening hours in Lyon",
            text = "Our shop in Lyon is open from 10 am to 7 pm, Tuesday to Saturday.",
            url = "https://shop.example.com/lyon",
        });

        Assert.Equal("Opening hours in Lyon", edited.GetProperty("title").GetString());
        Assert.Equal("https://shop.example.com/lyon", edited.GetProperty("url").GetString());
        Assert.Equal("Our shop in Lyon is open from 10 am to 7 pm, Tuesday to Saturday.", edited.GetProperty("text").GetString());
        Assert.Equal("ready", edited.GetProperty("status").GetString());
        Assert.Equal(1, edited.GetProperty("chunks").GetInt32());
        Assert.True(edited.GetProperty("updated_at").GetDateTimeOffset() >= edited.GetProperty("created_at").GetDateTimeOffset());
        var after = await chat.AskAsync(new ChatRequest(_botId, "When is the Lyon shop open?", ChatStreams.NewSession()));
        Assert.Contains("10 am to 7 pm", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("9 am to 5 pm", after.Text, StringComparison.Ordinal);
        Assert.Equal("https://shop.example.com/lyon", Assert.Single(after.Citations!).SourceUrl);
        Assert.Equal(edited.GetRawText(), (await Admin.GetAsync($"/v1/bots/{_botId}/sources/{sourceId}")).GetRawText());
    }

    [Fact]
    public async Task Editing_a_qa_pair_changes_the_answer_and_can_give_it_a_link()
    {
        var sourceId = await Admin.AddQaAsync(_botId, "Do you sell gift cards?", "Yes, from 10 to 200 euros.");
        var chat = App.PublicChat();
        var before = await chat.AskAsync(new ChatRequest(_botId, "Do you sell gift cards?", ChatStreams.NewSession()));
        Assert.Contains("10 to 200 euros", before.Text, StringComparison.Ordinal);

        var edited = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}",
            new { answer = "Yes, from 25 to 500 euros, by email or on paper.", url = "https://shop.example.com/gift-cards" });

        Assert.Equal("Do you sell gift cards?", edited.GetProperty("question").GetString());
        Assert.Equal("Yes, from 25 to 500 euros, by email or on paper.", edited.GetProperty("answer").GetString());
        var after = await chat.AskAsync(new ChatRequest(_botId, "Do you sell gift cards?", ChatStreams.NewSession()));
        Assert.Contains("25 to 500 euros", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("10 to 200", after.Text, StringComparison.Ordinal);
        Assert.Equal("https://shop.example.com/gift-cards", Assert.Single(after.Citations!).SourceUrl);

        var renamed = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { question = "  Can I buy a gift card?  ", url = (string?)null });
        Assert.Equal("Can I buy a gift card?", renamed.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, renamed.GetProperty("url").ValueKind);
        Assert.Equal("Yes, from 25 to 500 euros, by email or on paper.", renamed.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Fields_left_out_keep_their_value_and_a_null_title_goes_back_to_the_first_line()
    {
        var sourceId = await Admin.AddTextAsync(_botId, "Shipping", "# Delivery\n\nWe ship within 2 days.", "https://shop.example.com/shipping");

        var retitled = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { title = "Shipping times" });
        Assert.Equal("https://shop.example.com/shipping", retitled.GetProperty("url").GetString());
        Assert.Equal("# Delivery\n\nWe ship within 2 days.", retitled.GetProperty("text").GetString());

        var untitled = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { title = (string?)null });
        Assert.Equal("Delivery", untitled.GetProperty("title").GetString());

        var unchanged = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { });
        Assert.Equal(untitled.GetRawText(), unchanged.GetRawText());
    }

    [Fact]
    public async Task The_list_leaves_out_texts_and_answers_that_a_single_source_shows()
    {
        var textId = await Admin.AddTextAsync(_botId, "Hours", "Open 9 to 5.");
        await Admin.AddQaAsync(_botId, "Gift cards?", "Yes.");

        var listed = (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).EnumerateArray().ToList();
        var single = await Admin.GetAsync($"/v1/bots/{_botId}/sources/{textId}");

        Assert.All(listed, s => Assert.False(s.TryGetProperty("text", out _) || s.TryGetProperty("answer", out _)));
        Assert.Equal("Open 9 to 5.", single.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_re_sync_schedule_of_a_web_source_is_shown_changed_and_stopped()
    {
        var sourceId = await Admin.AddFetchedSourceAsync(_botId, new { type = "url", url = "https://shop.example.com/help", sync_interval_hours = 24 });
        Assert.Equal(24, (await Admin.GetAsync($"/v1/bots/{_botId}/sources/{sourceId}")).GetProperty("sync_interval_hours").GetInt32());

        var weekly = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { sync_interval_hours = 168 });
        Assert.Equal(168, weekly.GetProperty("sync_interval_hours").GetInt32());
        Assert.Equal(168, (await Admin.GetAsync($"/v1/bots/{_botId}/sources/{sourceId}")).GetProperty("sync_interval_hours").GetInt32());
        Assert.Equal("https://shop.example.com/help", weekly.GetProperty("url").GetString());

        var stopped = await Admin.PatchAsync($"/v1/bots/{_botId}/sources/{sourceId}", new { sync_interval_hours = (int?)null });
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("sync_interval_hours").ValueKind);
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("next_sync_at").ValueKind);
    }

    [Theory]
    [InlineData("text", """{"text": ""}""", "text")]
    [InlineData("text", """{"text": null}""", "text")]
    [InlineData("text", """{"text": 42}""", "text")]
    [InlineData("text", """{"title": ""}""", "title")]
    [InlineData("text", """{"url": "ftp://example.com/x"}""", "url")]
    [InlineData("text", """{"question": "Why?"}""", "question")]
    [InlineData("text", """{"sync_interval_hours": 24}""", "sync_interval_hours")]
    [InlineData("text", """{"type": "qa"}""", "type")]
    [InlineData("text", """{"colour": "red"}""", "colour")]
    [InlineData("qa", """{"answer": null}""", "answer")]
    [InlineData("qa", """{"question": "   "}""", "question")]
    [InlineData("qa", """{"text": "An answer"}""", "text")]
    [InlineData("qa", """{"answer": "Yes\u0000."}""", "answer")]
    [InlineData("url", """{"text": "Pasted over the page."}""", "text")]
    [InlineData("url", """{"url": "https://shop.example.com/other"}""", "url")]
    [InlineData("url", """{"sync_interval_hours": 0}""", "sync_interval_hours")]
    [InlineData("url", """{"sync_interval_hours": 8761}""", "sync_interval_hours")]
    [InlineData("url", """{"sync_interval_hours": "daily"}""", "sync_interval_hours")]
    [InlineData("crawl", """{"max_pages": 10}""", "max_pages")]
    public async Task A_bad_edit_is_a_400_naming_the_field_and_changes_nothing(string type, string body, string field)
    {
        var sourceId = type switch
        {
            "text" => await Admin.AddTextAsync(_botId, "Hours", "Open 9 to 5.", "https://shop.example.com/hours"),
            "qa" => await Admin.AddQaAsync(_botId, "Gift cards?", "Yes."),
            _ => await Admin.AddFetchedSourceAsync(_botId, new { type, url = "https://shop.example.com/help", sync_interval_hours = 24 }),
        };
        var before = await Admin.GetAsync($"/v1/bots/{_botId}/sources/{sourceId}");

        (await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{_botId}/sources/{sourceId}", body)).AssertInvalid(field);

        var after = await Admin.GetAsync($"/v1/bots/{_botId}/sources/{sourceId}");
        // A web source's sync may end meanwhile; what it owns (status, progress, times) is not the edit's.
        string[] syncs = type is "text" or "qa" ? [] : ["status", "error", "pages", "pages_total", "last_synced_at", "next_sync_at", "updated_at"];
        Assert.Equal(Without(before, syncs), Without(after, syncs));
    }

    [Fact]
    public async Task Editing_a_web_source_s_text_explains_where_its_text_comes_from()
    {
        var sourceId = await Admin.AddFetchedSourceAsync(_botId, new { type = "sitemap", url = "https://shop.example.com/sitemap.xml" });

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{_botId}/sources/{sourceId}", new { text = "Hello." });

        reply.AssertInvalid("text");
        Assert.Contains("comes from the pages it fetches", reply.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_workspace_cannot_edit_a_source()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        var botId = await Admin.CreateBotAsync(workspaceId: workspace);
        var sourceId = await Admin.AddQaAsync(botId, "Gift cards?", "Yes.");
        using var other = App.Admin(await Admin.CreateWorkspaceKeyAsync(await Admin.CreateWorkspaceAsync()));
        using var own = App.Admin(await Admin.CreateWorkspaceKeyAsync(workspace));

        (await other.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}/sources/{sourceId}", new { answer = "No." }))
            .AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await own.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{_botId}/sources/{sourceId}", new { answer = "No." }))
            .AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{_botId}/sources/{sourceId}", new { answer = "No." }))
            .AssertError(HttpStatusCode.NotFound, "source_not_found");

        Assert.Equal("Yes.", (await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}")).GetProperty("answer").GetString());
        var edited = await own.PatchAsync($"/v1/bots/{botId}/sources/{sourceId}", new { answer = "Yes, in every shop." });
        Assert.Equal("Yes, in every shop.", edited.GetProperty("answer").GetString());
    }

    private static Dictionary<string, string> Without(JsonElement source, params string[] names) =>
        source.EnumerateObject().Where(p => !names.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
