using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>
/// <c>GET /v1/bots/{id}/insights</c>: what visitors asked, counted per day and in total, grouped by meaning, and what the
/// bot did not answer well and why; only visitor conversations, never the owner's Playground chats.
/// </summary>
public class InsightsApiTests : BackendTest
{
    private const string Unknown = "What is the airspeed velocity of an unladen swallow?";

    [Fact]
    public async Task Totals_and_every_day_of_the_range_count_visitor_conversations_questions_answers_votes_and_credits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 23, 59, 30, TimeSpan.Zero));
        await using var app = await StartAppAsync(a => a.WithServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock))));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var chat = app.PublicChat();

        var firstSession = ChatStreams.NewSession();
        var first = await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", firstSession));
        await chat.AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        clock.Advance(TimeSpan.FromMinutes(1)); // past midnight: the next question is the 11th's, in the 10th's conversation
        var followUp = await chat.AskAsync(new ChatRequest(botId, "How much does express delivery cost?", firstSession, first.ConversationId));
        clock.Advance(TimeSpan.FromDays(2));
        var session = ChatStreams.NewSession();
        var liked = await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", session));
        await VoteAsync(app, botId, session, liked, "up");
        await AskInPlaygroundAsync(admin, botId, "How long do refunds take?");

        var insights = await admin.GetAsync($"/v1/bots/{botId}/insights?from=2026-03-09&to=2026-03-13");

        Assert.Equal(botId, insights.GetProperty("bot_id").GetString());
        Assert.Equal("2026-03-09", insights.GetProperty("from").GetString());
        Assert.Equal("2026-03-13", insights.GetProperty("to").GetString());
        var days = insights.GetProperty("per_day").EnumerateArray().ToList();
        Assert.Equal(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal([0, 2, 0, 0, 1], days.Select(d => d.GetProperty("conversations").GetInt32()));
        Assert.Equal([0, 2, 1, 0, 1], days.Select(d => d.GetProperty("visitor_messages").GetInt32()));
        Assert.Equal([0, 1, 1, 0, 1], days.Select(d => d.GetProperty("answered").GetInt32()));
        Assert.Equal([0, 1, 0, 0, 0], days.Select(d => d.GetProperty("unanswered").GetInt32()));
        Assert.Equal([0, 0, 0, 0, 1], days.Select(d => d.GetProperty("thumbs_up").GetInt32()));

        var totals = insights.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("conversations").GetInt32());
        Assert.Equal(4, totals.GetProperty("visitor_messages").GetInt32());
        Assert.Equal(3, totals.GetProperty("answered").GetInt32());
        Assert.Equal(1, totals.GetProperty("unanswered").GetInt32());
        Assert.Equal(1, totals.GetProperty("thumbs_up").GetInt32());
        Assert.Equal(0, totals.GetProperty("thumbs_down").GetInt32());
        var charged = 0m;
        foreach (var conversation in (await admin.GetAsync($"/v1/bots/{botId}/conversations?channel=public")).EnumerateArray())
        {
            foreach (var message in (await admin.GetAsync($"/v1/conversations/{conversation.GetProperty("id").GetString()}")).GetProperty("messages").EnumerateArray())
                charged += message.TryGetProperty("usage", out var usage) ? usage.GetProperty("credits").GetDecimal() : 0;
        }

        Assert.True(charged > 0);
        Assert.Equal(charged, totals.GetProperty("credits_spent").GetDecimal());
        Assert.Equal(charged, days.Sum(d => d.GetProperty("credits_spent").GetDecimal()));

        // The edges: a range of the 11th alone holds the question asked just after midnight and no conversation.
        var eleventh = await admin.GetAsync($"/v1/bots/{botId}/insights?from=2026-03-11&to=2026-03-11");
        Assert.Equal(0, eleventh.GetProperty("totals").GetProperty("conversations").GetInt32());
        Assert.Equal(1, eleventh.GetProperty("totals").GetProperty("visitor_messages").GetInt32());
        Assert.Single(eleventh.GetProperty("per_day").EnumerateArray());
        Assert.Equal(first.ConversationId, followUp.ConversationId);

        // By default, the last 30 days ending today.
        var recent = await admin.GetAsync($"/v1/bots/{botId}/insights");
        Assert.Equal("2026-02-12", recent.GetProperty("from").GetString());
        Assert.Equal("2026-03-13", recent.GetProperty("to").GetString());
        Assert.Equal(30, recent.GetProperty("per_day").GetArrayLength());
        Assert.Equal(4, recent.GetProperty("totals").GetProperty("visitor_messages").GetInt32());
    }

    [Fact]
    public async Task Questions_are_grouped_by_meaning_paraphrases_together_and_different_intents_apart()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        string[] refunds = ["How long do refunds take?", "refund timeline?", "when do I get my money back"];
        string[] passwords = ["how do I reset my password", "I forgot my password"];
        foreach (var question in refunds.Concat(passwords))
            await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        var top = (await GroupedInsightsAsync(admin, botId, expectedQuestions: 5)).GetProperty("top_questions").EnumerateArray().ToList();

        var refundGroup = Assert.Single(top, g => g.GetProperty("count").GetInt32() == 3);
        Assert.Equal(refunds.Order(), refundGroup.GetProperty("examples").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(refunds[0], refundGroup.GetProperty("question").GetString());
        var passwordGroup = Assert.Single(top, g => g.GetProperty("count").GetInt32() == 2);
        Assert.Equal(passwords.Order(), passwordGroup.GetProperty("examples").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(2, top.Count);
        Assert.NotEqual(refundGroup.GetProperty("group_id").GetString(), passwordGroup.GetProperty("group_id").GetString());
    }

    [Fact]
    public async Task A_question_the_knowledge_does_not_answer_is_unanswered_for_no_knowledge_with_its_conversation()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        await app.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        var first = await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        var second = await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));

        var insights = await GroupedInsightsAsync(admin, botId, expectedQuestions: 3);

        var row = Assert.Single(insights.GetProperty("unanswered").EnumerateArray());
        Assert.Equal("no_knowledge", row.GetProperty("reason").GetString());
        Assert.Equal(Unknown, row.GetProperty("question").GetString());
        Assert.Equal(2, row.GetProperty("count").GetInt32());
        Assert.Equal(second.ConversationId, row.GetProperty("conversation_id").GetString()); // the newest of the two
        var stored = (await admin.GetAsync($"/v1/conversations/{second.ConversationId}")).GetProperty("messages");
        Assert.Equal(stored[0].GetProperty("id").GetString(), row.GetProperty("message_id").GetString());
        Assert.Equal(stored[0].GetProperty("created_at").GetDateTimeOffset(), row.GetProperty("asked_at").GetDateTimeOffset());
        Assert.EndsWith("Z", row.GetProperty("asked_at").GetString(), StringComparison.Ordinal);
        Assert.Equal("no_knowledge", stored[1].GetProperty("outcome").GetString());
        Assert.False(stored[0].TryGetProperty("outcome", out _));
        Assert.NotEqual(first.ConversationId, second.ConversationId);
        Assert.Equal(1, insights.GetProperty("totals").GetProperty("answered").GetInt32());
        Assert.Equal(2, insights.GetProperty("totals").GetProperty("unanswered").GetInt32());
    }

    [Fact]
    public async Task A_blocked_answer_is_unanswered_for_filtered()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { filters = new { blocked_terms = new[] { "Warehouse" } } });
        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Equal("content_filtered", Assert.IsType<ErrorEvent>(events[^1]).Error);

        Assert.Equal(["filtered"], await ReasonsAsync(admin, botId, expectedQuestions: 1));
    }

    [Fact]
    public async Task A_declined_question_is_unanswered_for_declined()
    {
        await using var app = await StartAppAsync(a => a.WithFailingSearch());
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { when_knowledge_unavailable = "decline" });
        await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(["declined"], await ReasonsAsync(admin, botId, expectedQuestions: 1));
    }

    [Fact]
    public async Task A_failed_answer_is_unanswered_for_failed()
    {
        await using var app = await StartAppAsync(a => a.WithGenerator(new ScriptedChatClient { FailAfter = 0 }));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);

        Assert.Equal(["failed"], await ReasonsAsync(admin, botId, expectedQuestions: 1));
        var insights = await admin.GetAsync($"/v1/bots/{botId}/insights");
        Assert.Equal(0, insights.GetProperty("totals").GetProperty("answered").GetInt32());
        Assert.Equal(0.0, insights.GetProperty("top_questions")[0].GetProperty("answered_share").GetDouble());
    }

    [Fact]
    public async Task An_answer_voted_down_is_unanswered_for_thumbs_down()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var session = ChatStreams.NewSession();
        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", session));
        await VoteAsync(app, botId, session, answer, "down");

        Assert.Equal(["thumbs_down"], await ReasonsAsync(admin, botId, expectedQuestions: 1));
        var totals = (await admin.GetAsync($"/v1/bots/{botId}/insights")).GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("thumbs_down").GetInt32());
        Assert.Equal(0, totals.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task Playground_chats_are_not_counted_and_no_session_id_is_shown()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        await AskInPlaygroundAsync(admin, botId, Unknown);
        var session = "visitor-session-4f1c9e";
        await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, session));

        await GroupedInsightsAsync(admin, botId, expectedQuestions: 1);
        using var response = await admin.Http.GetAsync($"/v1/bots/{botId}/insights");
        var body = await response.Content.ReadAsStringAsync();
        var csv = await admin.Http.GetStringAsync($"/v1/bots/{botId}/insights/questions.csv");

        using var json = JsonDocument.Parse(body);
        Assert.Equal(1, json.RootElement.GetProperty("totals").GetProperty("visitor_messages").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("totals").GetProperty("conversations").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("unanswered")[0].GetProperty("count").GetInt32());
        Assert.DoesNotContain(session, body, StringComparison.Ordinal);
        Assert.DoesNotContain("session", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(session, csv, StringComparison.Ordinal);
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task With_redaction_on_questions_are_shown_without_personal_data()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { filters = new { redact_pii = true } });
        const string question = "I am jane.doe@example.com, call me on +49 30 9876 5432: where is my refund?";
        await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        var insights = await GroupedInsightsAsync(admin, botId, expectedQuestions: 1);
        var csv = await admin.Http.GetStringAsync($"/v1/bots/{botId}/insights/questions.csv");

        var shown = insights.GetProperty("top_questions")[0];
        foreach (var text in new[] { shown.GetProperty("question").GetString()!, shown.GetProperty("examples")[0].GetString()!, csv })
        {
            Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain("9876 5432", text, StringComparison.Ordinal);
            Assert.Contains("[email removed]", text, StringComparison.Ordinal);
            Assert.Contains("where is my refund?", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_workspace_key_sees_its_own_bots_insights_and_gets_404_for_another_workspaces()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var ours = await admin.CreateWorkspaceAsync();
        var theirs = await admin.CreateWorkspaceAsync();
        var ourBot = await admin.CreateBotAsync(workspaceId: ours);
        var theirBot = await admin.CreateBotAsync(workspaceId: theirs);
        using var key = app.NewHttpClient(await admin.CreateWorkspaceKeyAsync(ours));

        (await key.GetReplyAsync($"/v1/bots/{ourBot}/insights")).AssertStatus(HttpStatusCode.OK);
        (await key.GetReplyAsync($"/v1/bots/{theirBot}/insights")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await key.GetReplyAsync($"/v1/bots/{theirBot}/insights/questions.csv")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await key.GetReplyAsync("/v1/bots/no-such-bot/insights")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await app.NewHttpClient().GetReplyAsync($"/v1/bots/{ourBot}/insights")).AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("from=2025-01-01&to=2026-03-10", "from")]
    [InlineData("to=2026-03-10&from=2025-03-09", "from")]
    [InlineData("from=2026-03-10T00:00:00Z", "from")]
    public async Task A_bad_range_is_refused_naming_the_field(string query, string field)
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();

        (await admin.Http.GetReplyAsync($"/v1/bots/{botId}/insights?{query}")).AssertInvalid(field);
        (await admin.Http.GetReplyAsync($"/v1/bots/{botId}/insights/questions.csv?{query}")).AssertInvalid(field);
    }

    [Fact]
    public async Task A_range_of_366_days_is_accepted()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();

        var insights = await admin.GetAsync($"/v1/bots/{botId}/insights?from=2024-01-01&to=2024-12-31");

        Assert.Equal(366, insights.GetProperty("per_day").GetArrayLength());
    }

    [Fact]
    public async Task The_csv_export_has_one_quoted_row_per_visitor_question_with_its_group_and_reason()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        const string quoted = "Refunds, \"quickly\": how long do refunds take?";
        var answered = await app.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        await app.PublicChat().AskAsync(new ChatRequest(botId, quoted, ChatStreams.NewSession()));
        var unknown = await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        await GroupedInsightsAsync(admin, botId, expectedQuestions: 3);

        using var response = await admin.Http.GetAsync($"/v1/bots/{botId}/insights/questions.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n");
        Assert.Equal("question,group,asked_at,answered,reason,conversation_id", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(
            $"^How long do refunds take\\?,How long do refunds take\\?,\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,true,,{answered.ConversationId}$", lines[1]);
        Assert.StartsWith("\"Refunds, \"\"quickly\"\": how long do refunds take?\",How long do refunds take?,", lines[2], StringComparison.Ordinal);
        Assert.EndsWith($",{unknown.ConversationId}", lines[3], StringComparison.Ordinal);
        Assert.Contains(",false,no_knowledge,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_neutralises_questions_a_spreadsheet_would_run_as_formulas()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        string[] formulas = ["=HYPERLINK(\"https://evil.example\",\"Refunds\")", "+1+2 refunds?", "-2+3 delivery?", "@SUM(A1:A9) gift cards?"];
        foreach (var question in formulas)
            await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));
        await GroupedInsightsAsync(admin, botId, expectedQuestions: formulas.Length);

        var lines = (await admin.Http.GetStringAsync($"/v1/bots/{botId}/insights/questions.csv")).Split("\r\n")[1..^1];

        Assert.Equal(formulas.Length, lines.Length);
        Assert.StartsWith("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Refunds\"\")\",", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("'+1+2 refunds?,'+1+2 refunds?,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("'-2+3 delivery?,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("'@SUM(A1:A9) gift cards?,", lines[3], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.DoesNotMatch("(^|,)[=+\\-@\t\r]", line));
    }

    /// <summary>The bot's insights once every one of its visitor questions has been put in a group (a moment after each is asked).</summary>
    internal static async Task<JsonElement> GroupedInsightsAsync(AdminApi admin, string botId, int expectedQuestions)
    {
        var questions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conversation in (await admin.GetAsync($"/v1/bots/{botId}/conversations?channel=public")).EnumerateArray())
        {
            foreach (var message in (await admin.GetAsync($"/v1/conversations/{conversation.GetProperty("id").GetString()}")).GetProperty("messages").EnumerateArray())
            {
                if (message.GetProperty("role").GetString() == "user")
                    questions.Add(message.GetProperty("id").GetString()!);
            }
        }

        Assert.Equal(expectedQuestions, questions.Count);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var insights = await admin.GetAsync($"/v1/bots/{botId}/insights");
            // A question not grouped yet stands alone under its own id.
            var groups = insights.GetProperty("top_questions").EnumerateArray().Select(g => g.GetProperty("group_id").GetString()!)
                .Concat(insights.GetProperty("unanswered").EnumerateArray().Select(g => g.GetProperty("group_id").GetString()!));
            if (!groups.Any(questions.Contains))
                return insights;
            Assert.True(DateTime.UtcNow < deadline, "questions were not grouped within 30 s");
            await Task.Delay(100);
        }
    }

    private static async Task<List<string?>> ReasonsAsync(AdminApi admin, string botId, int expectedQuestions) =>
        (await GroupedInsightsAsync(admin, botId, expectedQuestions)).GetProperty("unanswered").EnumerateArray()
            .Select(u => u.GetProperty("reason").GetString()).ToList();

    private static async Task VoteAsync(ParleyApp app, string botId, string session, ChatAnswer answer, string rating)
    {
        using var http = app.NewHttpClient();
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", new
        {
            bot_id = botId,
            session_id = session,
            conversation_id = answer.ConversationId,
            message_id = answer.AssistantMessageId,
            rating,
        })).AssertStatus(HttpStatusCode.NoContent);
    }

    private static async Task AskInPlaygroundAsync(AdminApi admin, string botId, string message)
    {
        var reply = await admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/chat/stream",
            new Dictionary<string, object?> { ["bot_id"] = botId, ["session_id"] = "playground-owner", ["message"] = message, ["channel"] = "playground" });
        reply.AssertStatus(HttpStatusCode.OK);
    }
}
