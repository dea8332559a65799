using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

public class SourceApiTests : ParleyTest
{
    private const string UnknownId = "00000000-0000-0000-0000-000000000000";

    private string _botId = null!;

    protected override async Task SeedAsync()
    {
        _botId = await Admin.CreateBotAsync();
    }

    [Fact]
    public async Task Adding_a_text_source_answers_201_with_a_ready_source_in_chunks()
    {
        var page = SampleKnowledge.Shipping;

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{_botId}/sources",
            new { type = "text", title = page.Title, url = page.Url, text = page.Text });

        reply.AssertStatus(HttpStatusCode.Created);
        var source = reply.Json;
        var id = source.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"/v1/bots/{_botId}/sources/{id}", reply.Location!.OriginalString);
        Assert.Equal(_botId, source.GetProperty("bot_id").GetString());
        Assert.Equal("text", source.GetProperty("type").GetString());
        Assert.Equal(page.Title, source.GetProperty("title").GetString());
        Assert.Equal(page.Url, source.GetProperty("url").GetString());
        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.True(source.GetProperty("chunks").GetInt32() > 0);
        Assert.InRange(source.GetProperty("created_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Adding_a_qa_source_stores_one_ready_chunk_titled_by_its_question()
    {
        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{_botId}/sources",
            new { type = "qa", question = "  Do you sell gift cards?  ", answer = "Yes, from 10 to 200 euros." });

        reply.AssertStatus(HttpStatusCode.Created);
        var source = reply.Json;
        Assert.Equal("qa", source.GetProperty("type").GetString());
        Assert.Equal("Do you sell gift cards?", source.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("url").ValueKind);
        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(1, source.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public async Task A_text_source_without_a_title_is_titled_by_its_first_line()
    {
        var source = await Admin.PostAsync($"/v1/bots/{_botId}/sources", new { type = "text", text = "# Opening hours\n\nWe are open from 9 to 5." });

        Assert.Equal("Opening hours", source.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task A_text_of_headings_alone_is_still_indexed_and_answers()
    {
        var source = await Admin.PostAsync($"/v1/bots/{_botId}/sources", new { type = "text", text = "# Our showroom in Lyon opens on Saturdays" });

        Assert.Equal(1, source.GetProperty("chunks").GetInt32());
        var answer = await App.PublicChat().AskAsync(new Parley.Client.ChatRequest(_botId, "When does the Lyon showroom open?", "s-headings"));
        Assert.Contains("Saturdays", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_text_is_split_into_several_chunks()
    {
        var text = new StringBuilder("# Kettle manual\n\n");
        for (var section = 1; section <= 40; section++)
            text.Append($"Step {section}: fill the kettle to the line marked {section}, close the lid firmly, set it on its base and wait until the light goes out before you pour the water into a cup or a teapot, carefully and slowly, keeping your hand away from the steam.\n\n");

        var source = await Admin.PostAsync($"/v1/bots/{_botId}/sources", new { type = "text", title = "Manual", text = text.ToString() });

        Assert.True(source.GetProperty("chunks").GetInt32() >= 5, $"~1900 words should make several chunks, got {source.GetProperty("chunks").GetInt32()}");
    }

    [Fact]
    public async Task A_source_reads_back_as_created_and_is_listed_in_order()
    {
        var botId = await Admin.CreateBotAsync();
        var first = await Admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "text", title = "One", url = "https://example.com/one", text = "The first page." });
        var second = await Admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question = "Two?", answer = "The second." });

        var fetched = await Admin.GetAsync($"/v1/bots/{botId}/sources/{first.GetProperty("id").GetString()}");
        var listed = (await Admin.GetAsync($"/v1/bots/{botId}/sources")).EnumerateArray().ToList();

        Assert.Equal(first.GetRawText(), fetched.GetRawText());
        Assert.Equal(
            [first.GetProperty("id").GetString(), second.GetProperty("id").GetString()],
            listed.Select(s => s.GetProperty("id").GetString()));
        // A list leaves out each source's text, which can be long; the rest reads the same.
        Assert.Equal(
            first.EnumerateObject().Where(p => p.Name != "text").Select(p => (p.Name, p.Value.GetRawText())),
            listed[0].EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
    }

    [Fact]
    public async Task Deleting_a_source_makes_it_404_and_drops_it_from_the_list()
    {
        var keep = await Admin.AddQaAsync(_botId, "Keep me?", "Yes.");
        var gone = await Admin.AddQaAsync(_botId, "Delete me?", "Yes.");

        var deleted = await Admin.Http.DeleteReplyAsync($"/v1/bots/{_botId}/sources/{gone}");

        deleted.AssertStatus(HttpStatusCode.NoContent);
        (await Admin.Http.GetReplyAsync($"/v1/bots/{_botId}/sources/{gone}")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        (await Admin.Http.DeleteReplyAsync($"/v1/bots/{_botId}/sources/{gone}")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        var ids = (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains(keep, ids);
        Assert.DoesNotContain(gone, ids);
    }

    [Fact]
    public async Task Deleting_a_source_removes_its_knowledge_from_answers()
    {
        var botId = await Admin.CreateBotAsync();
        var refunds = await Admin.AddTextAsync(botId, SampleKnowledge.Refunds.Title, SampleKnowledge.Refunds.Text, SampleKnowledge.Refunds.Url);
        await Admin.AddQaAsync(botId, "Do you sell gift cards?", "Yes, from 10 to 200 euros.");
        var chat = App.PublicChat();

        var before = await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Contains("5 business days", before.Text, StringComparison.Ordinal);
        Assert.Contains(before.Citations!, c => c.SourceId == refunds);

        (await Admin.Http.DeleteReplyAsync($"/v1/bots/{botId}/sources/{refunds}")).AssertStatus(HttpStatusCode.NoContent);

        var after = await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Contains("couldn't find", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("5 business days", after.Text, StringComparison.Ordinal);
        Assert.NotNull(after.Citations);
        Assert.Empty(after.Citations!);
    }

    [Theory]
    [InlineData("""{"type": "pdf", "text": "Hello."}""", "type")]
    [InlineData("""{"type": "TEXT", "text": "Hello."}""", "type")]
    [InlineData("""{"type": 1, "text": "Hello."}""", "type")]
    [InlineData("""{"text": "Hello."}""", "type")]
    [InlineData("""{"type": "text", "title": "No text"}""", "text")]
    [InlineData("""{"type": "text", "text": "   "}""", "text")]
    [InlineData("""{"type": "text", "text": 42}""", "text")]
    [InlineData("""{"type": "text", "text": "Refunds take\u0000 5 days."}""", "text")]
    [InlineData("""{"type": "text", "text": "Refunds take \udc00 5 days."}""", "text")]
    [InlineData("""{"type": "text", "text": "Hello.", "title": "Re\u0000funds"}""", "title")]
    [InlineData("""{"type": "text", "text": "Hello.", "title": ["A"]}""", "title")]
    [InlineData("""{"type": "text", "text": "Hello.", "url": "shop.example.com/help"}""", "url")]
    [InlineData("""{"type": "text", "text": "Hello.", "url": "/help/refunds"}""", "url")]
    [InlineData("""{"type": "text", "text": "Hello.", "url": "ftp://example.com/manual.txt"}""", "url")]
    [InlineData("""{"type": "text", "text": "Hello.", "url": "javascript:alert(1)"}""", "url")]
    [InlineData("""{"type": "text", "text": "Hello.", "url": "file:///etc/passwd"}""", "url")]
    [InlineData("""{"type": "text", "text": "Hello.", "question": "Why?"}""", "question")]
    [InlineData("""{"type": "qa", "answer": "Yes."}""", "question")]
    [InlineData("""{"type": "qa", "question": "Really?"}""", "answer")]
    [InlineData("""{"type": "qa", "question": "Really?", "answer": ""}""", "answer")]
    [InlineData("""{"type": "qa", "question": "Really\u0000?", "answer": "Yes."}""", "question")]
    [InlineData("""{"type": "qa", "question": "Really?", "answer": "Yes.", "url": "example.com/faq"}""", "url")]
    [InlineData("""{"type": "qa", "question": "Really?", "answer": "Yes.", "title": "FAQ"}""", "title")]
    public async Task Adding_an_invalid_source_is_a_400_naming_the_field_and_adds_nothing(string body, string field)
    {
        var before = (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).GetArrayLength();

        (await Admin.Http.SendRawAsync(HttpMethod.Post, $"/v1/bots/{_botId}/sources", body)).AssertInvalid(field);

        Assert.Equal(before, (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).GetArrayLength());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("url")]
    [InlineData("crawl")]
    public async Task A_url_too_long_once_encoded_is_a_400_naming_the_field_and_adds_nothing(string type)
    {
        // 730 characters as sent, over 4,000 once each é is percent-encoded, as a sync would fetch and store it.
        var url = "https://shop.example.com/help/" + new string('é', 700);
        var before = (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).GetArrayLength();

        object body = type == "text" ? new { type, url, text = "Hello." } : new { type, url };
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{_botId}/sources", body)).AssertInvalid("url");

        Assert.Equal(before, (await Admin.GetAsync($"/v1/bots/{_botId}/sources")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"type": "text",""")]
    [InlineData("""[{"type": "qa", "question": "A?", "answer": "B."}]""")]
    public async Task A_source_body_that_is_not_a_json_object_is_a_400_malformed_json(string body)
    {
        (await Admin.Http.SendRawAsync(HttpMethod.Post, $"/v1/bots/{_botId}/sources", body)).AssertError(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task The_sources_of_an_unknown_bot_are_a_404_bot_not_found()
    {
        const string path = $"/v1/bots/{UnknownId}/sources";

        (await Admin.Http.GetReplyAsync(path)).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, path, new { type = "qa", question = "A?", answer = "B." })).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.GetReplyAsync($"{path}/{UnknownId}")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Admin.Http.DeleteReplyAsync($"{path}/{UnknownId}")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }

    [Fact]
    public async Task A_source_is_found_only_under_its_own_bot()
    {
        var otherBot = await Admin.CreateBotAsync();
        var sourceId = await Admin.AddQaAsync(otherBot, "Whose am I?", "The other bot's.");

        (await Admin.Http.GetReplyAsync($"/v1/bots/{_botId}/sources/{UnknownId}")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        (await Admin.Http.GetReplyAsync($"/v1/bots/{_botId}/sources/{sourceId}")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        (await Admin.Http.DeleteReplyAsync($"/v1/bots/{_botId}/sources/{sourceId}")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        await Admin.GetAsync($"/v1/bots/{otherBot}/sources/{sourceId}");
    }
}
