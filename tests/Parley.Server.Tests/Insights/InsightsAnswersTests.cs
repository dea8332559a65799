using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>
/// <c>POST /v1/bots/{id}/insights/answers</c>: once the owner wrote the answer to an unanswered question (a Q&amp;A
/// source), its row says the answer is saved and which source holds it, until a question of its group goes
/// unanswered again or the source is deleted.
/// </summary>
public class InsightsAnswersTests : BackendTest
{
    private const string Unknown = "What is the airspeed velocity of an unladen swallow?";

    [Fact]
    public async Task A_written_answer_marks_its_question_saved_and_the_next_visitor_gets_it()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        var before = Assert.Single((await InsightsApiTests.GroupedInsightsAsync(admin, botId, expectedQuestions: 1)).GetProperty("unanswered").EnumerateArray());
        Assert.False(before.GetProperty("answer_saved").GetBoolean());

        var sourceId = await admin.AddQaAsync(botId, before.GetProperty("question").GetString()!, "About 11 metres a second, for a European swallow.");
        await SaveAnswerAsync(admin, botId, before.GetProperty("message_id").GetString()!, sourceId);
        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));

        Assert.Equal("About 11 metres a second, for a European swallow.", answer.Text);
        var insights = await InsightsApiTests.GroupedInsightsAsync(admin, botId, expectedQuestions: 2);
        var row = Assert.Single(insights.GetProperty("unanswered").EnumerateArray());
        Assert.True(row.GetProperty("answer_saved").GetBoolean());
        Assert.Equal(sourceId, row.GetProperty("answer_source_id").GetString());
        Assert.Equal(1, row.GetProperty("count").GetInt32());
        Assert.Equal(1, insights.GetProperty("totals").GetProperty("answered").GetInt32());

        (await admin.Http.DeleteAsync($"/v1/bots/{botId}/sources/{sourceId}")).EnsureSuccessStatusCode();
        var afterDeletion = Assert.Single((await admin.GetAsync($"/v1/bots/{botId}/insights")).GetProperty("unanswered").EnumerateArray());
        Assert.False(afterDeletion.GetProperty("answer_saved").GetBoolean());
        Assert.Equal(JsonValueKind.Null, afterDeletion.GetProperty("answer_source_id").ValueKind);
    }

    [Fact]
    public async Task A_question_of_the_group_unanswered_after_the_answer_was_written_asks_for_an_answer_again()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        var row = Assert.Single((await InsightsApiTests.GroupedInsightsAsync(admin, botId, expectedQuestions: 1)).GetProperty("unanswered").EnumerateArray());
        // An answer that does not catch the question: visitors asking it still get no answer.
        var sourceId = await admin.AddQaAsync(botId, "Are you open on Sundays?", "No, from Monday to Saturday.");
        await SaveAnswerAsync(admin, botId, row.GetProperty("message_id").GetString()!, sourceId);
        Assert.True(Assert.Single((await admin.GetAsync($"/v1/bots/{botId}/insights")).GetProperty("unanswered").EnumerateArray())
            .GetProperty("answer_saved").GetBoolean());

        await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));

        var again = Assert.Single((await InsightsApiTests.GroupedInsightsAsync(admin, botId, expectedQuestions: 2)).GetProperty("unanswered").EnumerateArray());
        Assert.Equal(2, again.GetProperty("count").GetInt32());
        Assert.False(again.GetProperty("answer_saved").GetBoolean());
    }

    [Fact]
    public async Task An_answer_is_recorded_only_for_a_visitor_question_and_a_qa_source_of_the_same_bot()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var otherBot = await admin.CreateBotAsync();
        var asked = await app.PublicChat().AskAsync(new ChatRequest(botId, Unknown, ChatStreams.NewSession()));
        var messageId = (await admin.GetAsync($"/v1/conversations/{asked.ConversationId}")).GetProperty("messages")[0].GetProperty("id").GetString()!;
        var qa = await admin.AddQaAsync(botId, "Open on Sundays?", "No.");
        var text = await admin.AddTextAsync(botId, "Hours", "We open from Monday to Saturday.");
        var foreignQa = await admin.AddQaAsync(otherBot, "Open on Sundays?", "No.");

        (await Post(admin, botId, new { message_id = asked.AssistantMessageId, source_id = qa })).AssertInvalid("message_id");
        (await Post(admin, botId, new { message_id = "no-such-message", source_id = qa })).AssertInvalid("message_id");
        (await Post(admin, otherBot, new { message_id = messageId, source_id = foreignQa })).AssertInvalid("message_id");
        (await Post(admin, botId, new { message_id = messageId, source_id = text })).AssertInvalid("source_id");
        (await Post(admin, botId, new { message_id = messageId, source_id = foreignQa })).AssertInvalid("source_id");
        (await Post(admin, botId, new { message_id = messageId })).AssertInvalid("source_id");
        (await Post(admin, "no-such-bot", new { message_id = messageId, source_id = qa })).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await Post(admin, botId, new { message_id = messageId, source_id = qa })).AssertStatus(HttpStatusCode.NoContent);
    }

    private static Task<ApiReply> Post(AdminApi admin, string botId, object body) =>
        admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/insights/answers", body);

    private static async Task SaveAnswerAsync(AdminApi admin, string botId, string messageId, string sourceId) =>
        (await Post(admin, botId, new { message_id = messageId, source_id = sourceId })).AssertStatus(HttpStatusCode.NoContent);
}
