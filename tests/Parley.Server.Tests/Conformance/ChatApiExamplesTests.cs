using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// The curl, JavaScript and Python examples of Parley's own docs/chat-api.md, read from the page and run as
/// written (but for the host and the bot's ID) against a live Parley, on every clone: what a user copies works.
/// </summary>
public class ChatApiExamplesTests(ExampleServer server) : IClassFixture<ExampleServer>
{
    // Runs the JavaScript example as a page would, with the page's localStorage (passed in as JSON) and an answer
    // element that remembers every text it was given; prints what the page was left with, or what was thrown.
    private const string JavaScriptPage = $$"""
        globalThis.localStorage = JSON.parse(process.argv[2]);
        const shown = [];
        const answer = { set textContent(text) { shown.push(text); }, get textContent() { return shown.at(-1); } };
        globalThis.document = { querySelector: (selector) => (selector === '#answer' ? answer : null) };
        let error = null;
        try {
          await import('./example.mjs');
        } catch (e) {
          error = { message: e.message, code: e.code, status: e.status, partial: e.partial };
        }
        console.log('\n{{ExampleRunner.ReportMarker}}' + JSON.stringify({ shown, localStorage, error }));

        """;

    // Runs the Python example as written (its two calls of ask_bot); prints what the second call returned, or the error.
    private const string PythonScript = $$"""
        import json

        try:
            import example
            report = {"answer": example.answer, "conversation_id": example.conversation_id, "citations": example.citations}
        except RuntimeError as error:
            report = {"error": str(error)}
        print("\n{{ExampleRunner.ReportMarker}}" + json.dumps(report))

        """;

    private const string NordicAddress = "nordic@shop.example.com";

    // Every example asks "Do you ship to Norway?"; this bot's answer to that is this page, address included.
    private static readonly SampleKnowledge.Page ShippingAbroad = new(
        "Shipping abroad",
        "https://shop.example.com/help/shipping-abroad",
        $"""
        # Shipping abroad

        We ship to Norway, Sweden and Denmark; for an order to Norway, e-mail {NordicAddress} for the customs form. Parcels to Norway take 4 to 6 working days.
        """);

    private readonly ParleyApp _app = server.App;

    [Fact]
    public async Task The_curl_example_prints_the_status_the_headers_and_the_streamed_answer()
    {
        var botId = await CreateBotAsync();

        var run = await Runner().CurlAsync(botId);
        var stream = SseTranscript.Parse(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("HTTP/1.1 200", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("content-type: text/event-stream", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Norway", stream.Answer, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(stream.Done.GetProperty("conversation_id").GetString(), out _), stream.Describe());
    }

    [Fact]
    public async Task The_follow_up_curl_continues_the_conversation_of_the_first()
    {
        var botId = await CreateBotAsync();
        var first = SseTranscript.Parse((await Runner().CurlAsync(botId)).StandardOutput);
        var conversationId = first.Done.GetProperty("conversation_id").GetString()!;

        var run = await Runner().FollowUpCurlAsync(botId, conversationId);
        var followUp = SseTranscript.Parse(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(conversationId, followUp.Done.GetProperty("conversation_id").GetString());
        Assert.True(followUp.Answer.Contains("4 to 6 working days", StringComparison.Ordinal), followUp.Describe());
        var messages = await MessagesAsync(conversationId);
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task The_javascript_example_shows_the_answer_and_keeps_the_conversation_for_the_next_message()
    {
        var botId = await CreateBotAsync();

        var first = await JavaScriptAsync(botId, "{}");
        var page = Report(first);
        var second = await JavaScriptAsync(botId, page.GetProperty("localStorage").GetRawText());

        Assert.True(first.Process.ExitCode == 0, first.ToString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("error").ValueKind);
        Assert.Contains("Norway", Shown(first)[^1], StringComparison.Ordinal);
        var conversationId = page.GetProperty("localStorage").GetProperty("parleyConversation").GetString()!;
        Assert.Equal(conversationId, Report(second).GetProperty("localStorage").GetProperty("parleyConversation").GetString());
        Assert.Equal(4, (await MessagesAsync(conversationId)).Count);
    }

    [Fact]
    public async Task The_javascript_example_redraws_the_revised_answer_when_pii_is_redacted()
    {
        var botId = await CreateBotAsync(new { filters = new { redact_pii = true } });

        var run = await JavaScriptAsync(botId, "{}");
        var shown = Shown(run);

        Assert.Equal(JsonValueKind.Null, Report(run).GetProperty("error").ValueKind);
        Assert.Contains(shown, text => text.Contains(NordicAddress, StringComparison.Ordinal));
        Assert.DoesNotContain(NordicAddress, shown[^1], StringComparison.Ordinal);
        Assert.Contains("Norway", shown[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_javascript_example_throws_the_error_of_a_blocked_answer_with_its_code()
    {
        var botId = await CreateBotAsync(new { filters = new { blocked_terms = new[] { "Norway" } } });

        var run = await JavaScriptAsync(botId, "{}");
        var page = Report(run);

        Assert.Equal("content_filtered", page.GetProperty("error").GetProperty("code").GetString());
        Assert.False(page.GetProperty("localStorage").TryGetProperty("parleyConversation", out _), run.ToString());
    }

    [Fact]
    public async Task The_javascript_example_throws_the_http_error_of_a_private_bot_with_its_status_and_code()
    {
        var botId = await CreateBotAsync(new { privacy = "private" });

        var run = await JavaScriptAsync(botId, "{}");
        var error = Report(run).GetProperty("error");

        Assert.Equal(403, error.GetProperty("status").GetInt32());
        Assert.Equal("bot_private", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_python_example_prints_the_answer_and_its_second_call_continues_the_conversation()
    {
        var botId = await CreateBotAsync();

        var run = await PythonAsync(botId);
        var report = Report(run);

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Contains("Norway", run.Printed, StringComparison.Ordinal);
        Assert.Contains("4 to 6 working days", report.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("Shipping abroad", report.GetProperty("citations")[0].GetProperty("page_title").GetString());
        Assert.Equal(4, (await MessagesAsync(report.GetProperty("conversation_id").GetString()!)).Count);
    }

    [Fact]
    public async Task The_python_example_prints_the_revised_answer_when_pii_is_redacted()
    {
        var botId = await CreateBotAsync(new { filters = new { redact_pii = true } });

        var run = await PythonAsync(botId);
        var revised = run.Printed.IndexOf("[revised answer]", StringComparison.Ordinal);

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.True(revised >= 0, run.ToString());
        Assert.Contains(NordicAddress, run.Printed[..revised], StringComparison.Ordinal);
        Assert.DoesNotContain(NordicAddress, Report(run).GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_python_example_raises_the_error_of_a_blocked_answer()
    {
        var botId = await CreateBotAsync(new { filters = new { blocked_terms = new[] { "Norway" } } });

        var run = await PythonAsync(botId);

        Assert.StartsWith("content_filtered: ", Report(run).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_python_example_raises_the_http_error_of_a_private_bot_with_its_status_and_code()
    {
        var botId = await CreateBotAsync(new { privacy = "private" });

        var run = await PythonAsync(botId);

        Assert.StartsWith("HTTP 403 bot_private: ", Report(run).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private ExampleRunner Runner() => new(ChatApiDocument.Load(), _app.BaseAddress);

    private Task<ExampleRun> JavaScriptAsync(string botId, string localStorage) =>
        Runner().JavaScriptAsync(botId, JavaScriptPage, localStorage);

    private Task<ExampleRun> PythonAsync(string botId) => Runner().PythonAsync(botId, PythonScript);

    /// <summary>What the test's program reported; fails with everything the run printed when it reported nothing.</summary>
    private static JsonElement Report(ExampleRun run)
    {
        Assert.True(run.Reported is not null, run.ToString());
        return run.Reported.Value;
    }

    /// <summary>Every text the JavaScript example showed in the page's answer element, in order.</summary>
    private static List<string> Shown(ExampleRun run) =>
        Report(run).GetProperty("shown").EnumerateArray().Select(t => t.GetString()!).ToList();

    private async Task<List<JsonElement>> MessagesAsync(string conversationId)
    {
        using var admin = _app.Admin();
        var conversation = await admin.GetAsync($"/v1/conversations/{conversationId}");
        return conversation.GetProperty("messages").EnumerateArray().ToList();
    }

    private async Task<string> CreateBotAsync(object? settings = null)
    {
        using var admin = _app.Admin();
        var botId = await admin.CreateBotAsync(settings);
        await admin.AddTextAsync(botId, ShippingAbroad.Title, ShippingAbroad.Text, ShippingAbroad.Url);
        return botId;
    }
}
