using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

public class StreamFormatTests : ParleyTest
{
    private string _botId = null!;

    protected override async Task SeedAsync() => _botId = await Admin.CreateKnowledgeableBotAsync();

    [Fact]
    public async Task The_stream_is_unbuffered_server_sent_events()
    {
        using var response = await PostRawAsync("How long do refunds take?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
    }

    [Fact]
    public async Task Each_event_is_one_data_line_of_json_followed_by_a_blank_line()
    {
        using var response = await PostRawAsync("How long do refunds take?");
        var body = await response.Content.ReadAsStringAsync();

        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        var blocks = body[..^2].Split("\n\n");
        Assert.True(blocks.Length >= 4);
        foreach (var block in blocks)
        {
            Assert.DoesNotContain('\n', block);
            Assert.StartsWith("data: {", block, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(block["data: ".Length..]);
            Assert.True(json.RootElement.TryGetProperty("type", out _));
        }
    }

    [Fact]
    public async Task Events_come_in_the_documented_order_and_end_with_one_done()
    {
        var events = await App.PublicChat().CollectAsync(new ChatRequest(_botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(new StatusEvent("retrieving"), events[0]);
        Assert.Equal(new StatusEvent("generating"), events[1]);
        var contents = events.Skip(2).TakeWhile(e => e is ContentEvent).ToList();
        Assert.True(contents.Count >= 2, "the answer should arrive in several content events");
        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal(2 + contents.Count + 1, events.Count);
    }

    [Fact]
    public async Task Done_carries_the_conversation_the_message_and_citations_to_the_right_page()
    {
        var events = await App.PublicChat().CollectAsync(new ChatRequest(_botId, "How long do refunds take?", ChatStreams.NewSession()));
        var done = Assert.IsType<DoneEvent>(events[^1]);

        Assert.True(Guid.TryParse(done.ConversationId, out _));
        Assert.True(Guid.TryParse(done.AssistantMessageId, out _));
        Assert.NotNull(done.Citations);
        var top = done.Citations![0];
        Assert.Equal("Refund policy", top.PageTitle);
        Assert.StartsWith("https://shop.example.com/help/refunds", top.SourceUrl, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(top.SourceId));
        Assert.InRange(top.Score, 0.0, 1.0);
        Assert.False(top.FromWebSearch);
        Assert.Contains("5 business days", events.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_are_left_out_when_the_bot_has_them_off()
    {
        await Admin.PatchAsync($"/v1/bots/{_botId}", new { citations_enabled = false });

        using var response = await PostRawAsync("How long do refunds take?");
        var body = await response.Content.ReadAsStringAsync();
        var done = body.Split("\n\n").Single(b => b.Contains("\"type\":\"done\"", StringComparison.Ordinal));

        Assert.DoesNotContain("citations", done, StringComparison.Ordinal);

    }

    [Fact]
    public async Task A_question_the_knowledge_does_not_cover_gets_an_honest_answer_without_citations()
    {
        var answer = await App.PublicChat().AskAsync(new ChatRequest(_botId, "Who won the football world cup in 1954?", ChatStreams.NewSession()));

        Assert.Contains("couldn't find", answer.Text, StringComparison.Ordinal);
        Assert.NotNull(answer.Citations);
        Assert.Empty(answer.Citations!);
    }

    [Fact]
    public async Task A_qa_pair_answers_its_question_in_its_own_words()
    {
        await Admin.AddQaAsync(_botId, "Do you ship to Switzerland?", "Yes, we ship to Switzerland; customs fees are paid on delivery.");

        var answer = await App.PublicChat().AskAsync(new ChatRequest(_botId, "Can you ship my order to Switzerland?", ChatStreams.NewSession()));

        Assert.Equal("Yes, we ship to Switzerland; customs fees are paid on delivery.", answer.Text);
        Assert.Equal("Do you ship to Switzerland?", answer.Citations![0].PageTitle);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string message)
    {
        using var client = App.NewHttpClient();
        var content = new StringContent(
            JsonSerializer.Serialize(new { bot_id = _botId, message, session_id = ChatStreams.NewSession() }), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/public/chat/stream") { Content = content };
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
