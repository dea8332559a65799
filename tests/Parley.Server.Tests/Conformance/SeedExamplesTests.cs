using System.Text.RegularExpressions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// The reference Chat API document's curl, JavaScript and Python examples, read from the document itself
/// and run unchanged (but for the host and the ids) against a live Parley: what the reference promises
/// a reader will see is what they see. Skipped where the document is absent, unless CI=true.
/// </summary>
public partial class SeedExamplesTests(ExampleServer server) : IClassFixture<ExampleServer>
{
    private const string Session = "seed-example-session";

    // The documented function takes the bot, the message, the session and the conversation, and returns the answer.
    private const string JavaScriptCall = $$"""
        // Calls the documented function once and prints what it returned.
        import { chat } from './example.mjs';

        const [botId, message, sessionId, conversationId] = process.argv.slice(2);
        const returned = await chat(botId, message, sessionId, conversationId);
        console.log('\n{{ExampleRunner.ReportMarker}}' + JSON.stringify(returned));

        """;

    private const string PythonCall = $$"""
        # Calls the documented function once and prints what it returned.
        import json
        import sys
        from example import chat

        returned = chat(*sys.argv[1:])
        print('\n{{ExampleRunner.ReportMarker}}' + json.dumps(returned))

        """;

    // The documentation's curl asks how to get started; this bot's answer to that is this page.
    private static readonly SampleKnowledge.Page GettingStarted = new(
        "Getting started",
        "https://shop.example.com/help/getting-started",
        """
        # Getting started

        To get started, create an account and enter the welcome code KETTLE10 at checkout for 10 percent off your first order.
        """);

    private static readonly SampleKnowledge.Page Contact = new(
        "Contact",
        "https://shop.example.com/help/contact",
        """
        # Contact

        For help with an order, e-mail our support team at support@shop.example.com and we reply within one day.
        """);

    private const string SupportAddress = "support@shop.example.com";

    private readonly ParleyApp _app = server.App;

    [SeedDocumentFact]
    public async Task The_seed_curl_example_streams_an_answer_from_the_bots_knowledge()
    {
        var botId = await CreateBotAsync();

        var run = await Runner().CurlAsync(botId);
        var stream = SseTranscript.Parse(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(stream.OfType("content").Count() >= 2, $"The answer should stream in pieces: {stream.Describe()}");
        Assert.Contains("KETTLE10", stream.Answer, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(stream.Done.GetProperty("conversation_id").GetString(), out _), stream.Describe());
        Assert.Equal("Getting started", stream.Done.GetProperty("citations")[0].GetProperty("page_title").GetString());
    }

    [SeedDocumentFact]
    public async Task The_seed_follow_up_curl_continues_the_conversation_of_the_first()
    {
        var botId = await CreateBotAsync();
        var first = SseTranscript.Parse((await Runner().CurlAsync(botId)).StandardOutput);
        var conversationId = first.Done.GetProperty("conversation_id").GetString()!;

        var run = await Runner().FollowUpCurlAsync(botId, conversationId);
        var followUp = SseTranscript.Parse(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(conversationId, followUp.Done.GetProperty("conversation_id").GetString());
        using var admin = _app.Admin();
        var conversation = await admin.GetAsync($"/v1/conversations/{conversationId}");
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Tell me more about that", messages[2].GetProperty("content").GetString());
    }

    [SeedDocumentFact]
    public async Task The_seed_javascript_example_prints_the_answer_the_conversation_and_its_citations()
    {
        var botId = await CreateBotAsync();

        var run = await JavaScriptAsync(botId, "How long do refunds take?", Session);

        AssertPrintsAnswerConversationAndCitations(run);
    }

    [SeedDocumentFact]
    public async Task The_seed_python_example_prints_the_answer_the_conversation_and_its_citations()
    {
        var botId = await CreateBotAsync();

        var run = await PythonAsync(botId, "How long do refunds take?", Session);

        AssertPrintsAnswerConversationAndCitations(run);
    }

    [SeedDocumentFact]
    public async Task The_seed_javascript_example_prints_no_citations_for_a_bot_without_them()
    {
        var botId = await CreateBotAsync(new { citations_enabled = false });

        var run = await JavaScriptAsync(botId, "How long do refunds take?", Session);

        Assert.Contains("5 business days", run.Printed, StringComparison.Ordinal);
        Assert.Matches(ConversationLine(), run.Printed);
        Assert.DoesNotContain("Citations", run.Printed, StringComparison.Ordinal);
    }

    [SeedDocumentFact]
    public async Task The_seed_javascript_example_continues_the_conversation_it_is_given()
    {
        var botId = await CreateBotAsync();
        var first = await JavaScriptAsync(botId, "How long do refunds take?", Session);
        var conversationId = ConversationLine().Match(first.Printed).Groups["id"].Value;

        var second = await JavaScriptAsync(botId, "And how much is express delivery?", Session, conversationId);

        Assert.Contains("12 euros", Returned(second), StringComparison.Ordinal);
        Assert.Equal(conversationId, ConversationLine().Match(second.Printed).Groups["id"].Value);
        using var admin = _app.Admin();
        var conversation = await admin.GetAsync($"/v1/conversations/{conversationId}");
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
    }

    [SeedDocumentFact]
    public async Task The_seed_javascript_example_returns_the_replaced_answer_when_pii_is_redacted()
    {
        var botId = await CreateBotAsync(new { filters = new { redact_pii = true } });

        var run = await JavaScriptAsync(botId, "What is the support e-mail address?", Session);

        AssertReturnsTheReplacement(run);
    }

    [SeedDocumentFact]
    public async Task The_seed_python_example_returns_the_replaced_answer_when_pii_is_redacted()
    {
        var botId = await CreateBotAsync(new { filters = new { redact_pii = true } });

        var run = await PythonAsync(botId, "What is the support e-mail address?", Session);

        AssertReturnsTheReplacement(run);
    }

    [SeedDocumentFact]
    public async Task The_seed_javascript_example_prints_the_error_of_a_blocked_answer()
    {
        var botId = await CreateBotAsync(new { filters = new { blocked_terms = new[] { "refund" } } });

        var run = await JavaScriptAsync(botId, "How long do refunds take?", Session);

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Matches(ErrorLine(), run.Process.StandardError);
        Assert.DoesNotMatch(ConversationLine(), run.Printed);
    }

    [SeedDocumentFact]
    public async Task The_seed_python_example_prints_the_error_of_a_blocked_answer()
    {
        var botId = await CreateBotAsync(new { filters = new { blocked_terms = new[] { "refund" } } });

        var run = await PythonAsync(botId, "How long do refunds take?", Session);

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Matches(ErrorLine(), run.Printed);
        Assert.DoesNotMatch(ConversationLine(), run.Printed);
    }

    private static void AssertPrintsAnswerConversationAndCitations(ExampleRun run)
    {
        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Contains("5 business days", Returned(run), StringComparison.Ordinal);
        Assert.Contains(Returned(run)!, run.Printed, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(ConversationLine().Match(run.Printed).Groups["id"].Value, out _), run.ToString());
        var citations = run.Printed.IndexOf("Citations:", StringComparison.Ordinal);
        Assert.True(citations >= 0, run.ToString());
        Assert.Contains("Refund policy", run.Printed[citations..], StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/help/refunds", run.Printed[citations..], StringComparison.Ordinal);
    }

    /// <summary>
    /// The address streams out in <c>content</c> before the filter runs; the <c>replace</c> that follows must
    /// be what the documented function ends up returning, or a client would keep showing the address.
    /// </summary>
    private static void AssertReturnsTheReplacement(ExampleRun run)
    {
        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Contains(SupportAddress, run.Printed, StringComparison.Ordinal);
        Assert.NotNull(Returned(run));
        Assert.DoesNotContain(SupportAddress, Returned(run), StringComparison.Ordinal);
        Assert.Contains("e-mail our support team at", Returned(run), StringComparison.Ordinal);
        Assert.Matches(ConversationLine(), run.Printed);
    }

    private ExampleRunner Runner() => new(SeedDocument.Load(), _app.BaseAddress);

    private Task<ExampleRun> JavaScriptAsync(string botId, params string[] arguments) =>
        Runner().JavaScriptAsync(botId, JavaScriptCall, [botId, .. arguments]);

    private Task<ExampleRun> PythonAsync(string botId, params string[] arguments) =>
        Runner().PythonAsync(botId, PythonCall, [botId, .. arguments]);

    private static string? Returned(ExampleRun run) => run.Reported?.GetString();

    private async Task<string> CreateBotAsync(object? settings = null)
    {
        using var admin = _app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(settings);
        foreach (var page in new[] { GettingStarted, Contact })
            await admin.AddTextAsync(botId, page.Title, page.Text, page.Url);
        return botId;
    }

    [GeneratedRegex(@"Conversation ID: (?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex ConversationLine();

    [GeneratedRegex(@"Error: \S")]
    private static partial Regex ErrorLine();
}
