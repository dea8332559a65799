using System.Diagnostics;
using System.Text;
using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public class PublicChatTests
{
    [Fact]
    public async Task ReadAsync_ReplaceEvent_DiscardsEarlierContent()
    {
        var answer = await ReadAsync(
            """{"type":"status","stage":"retrieving"}""",
            """{"type":"content","content":"Mail me at a@b.example"}""",
            """{"type":"content","content":" today."}""",
            """{"type":"replace","content":"Mail me at [email] today."}""",
            """{"type":"done","conversation_id":"c","assistant_message_id":"m","citations":[]}""");

        Assert.Equal("Mail me at [email] today.", answer.Text);
        Assert.Null(answer.Error);
    }

    [Fact]
    public async Task ReadAsync_DoneEvent_KeepsCitationsInOrder()
    {
        var answer = await ReadAsync(
            """{"type":"content","content":"Use apt."}""",
            """{"type":"done","conversation_id":"c","assistant_message_id":"m","citations":[{"page_title":"B","source_url":"https://d/b.html#x","source_id":"s","score":0.9,"from_web_search":false},{"page_title":"Q","source_url":null,"source_id":"t","score":0.4,"from_web_search":false}]}""");

        Assert.Equal("Use apt.", answer.Text);
        Assert.Equal(["b.html", null], answer.Citations.Select(c => c.Page));
        Assert.Equal(0.9, answer.Citations[0].Score);
    }

    [Fact]
    public async Task ReadAsync_DoneEvent_KeepsTheConversationToContinue()
    {
        var answer = await ReadAsync("""{"type":"done","conversation_id":"conv-7","assistant_message_id":"m","citations":[]}""");
        var failed = await ReadAsync("""{"type":"error","error":"service_unavailable","message":"No credits."}""");

        Assert.Equal("conv-7", answer.ConversationId);
        Assert.Null(failed.ConversationId);
    }

    [Fact]
    public async Task ReadAsync_ErrorEventOrNoDone_IsAFailedAnswer()
    {
        var failed = await ReadAsync("""{"type":"error","error":"service_unavailable","message":"No credits."}""");
        var cut = await ReadAsync("""{"type":"content","content":"Half"}""");

        Assert.Equal("service_unavailable: No credits.", failed.Error);
        Assert.NotNull(cut.Error);
        Assert.Equal("Half", cut.Text);
    }

    private static Task<ChatAnswer> ReadAsync(params string[] events)
    {
        var body = string.Concat(events.Select(e => $"data: {e}\n\n"));
        return PublicChat.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), Stopwatch.StartNew(), CancellationToken.None);
    }
}
