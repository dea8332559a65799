using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Widget;

/// <summary>A visitor's vote on an answer: accepted only for an answer of the visitor's own conversation.</summary>
public class FeedbackApiTests : ParleyTest
{
    private string _botId = null!;
    private string _sessionId = null!;
    private ChatAnswer _answer = null!;

    protected override async Task SeedAsync()
    {
        _botId = await Admin.CreateKnowledgeableBotAsync();
        _sessionId = ChatStreams.NewSession();
        _answer = await App.PublicChat().AskAsync(new ChatRequest(_botId, "How long do refunds take?", _sessionId));
    }

    private object Vote(string rating = "up", string? sessionId = null, string? messageId = null, string? botId = null, string? conversationId = null) => new
    {
        bot_id = botId ?? _botId,
        session_id = sessionId ?? _sessionId,
        conversation_id = conversationId ?? _answer.ConversationId,
        message_id = messageId ?? _answer.AssistantMessageId,
        rating,
    };

    [Fact]
    public async Task A_vote_is_stored_replaced_by_a_later_one_and_shown_in_the_log()
    {
        using var http = App.NewHttpClient();
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote("up"))).AssertStatus(HttpStatusCode.NoContent);
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote("down"))).AssertStatus(HttpStatusCode.NoContent);

        var conversation = await Admin.GetAsync($"/v1/conversations/{_answer.ConversationId}");
        var messages = conversation.GetProperty("messages");
        Assert.Equal("down", messages[1].GetProperty("feedback").GetString());
        Assert.False(messages[0].TryGetProperty("feedback", out _));
        Assert.Equal(0, conversation.GetProperty("feedback").GetProperty("up").GetInt32());
        Assert.Equal(1, conversation.GetProperty("feedback").GetProperty("down").GetInt32());
        var listed = (await Admin.GetAsync($"/v1/bots/{_botId}/conversations"))[0];
        Assert.Equal(1, listed.GetProperty("feedback").GetProperty("down").GetInt32());
    }

    [Fact]
    public async Task A_vote_from_another_session_or_on_a_question_or_unknown_message_is_refused_and_not_stored()
    {
        using var http = App.NewHttpClient();
        var conversation = await Admin.GetAsync($"/v1/conversations/{_answer.ConversationId}");
        var questionId = conversation.GetProperty("messages")[0].GetProperty("id").GetString()!;

        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(sessionId: "someone-else"))).AssertInvalid("conversation_id");
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(conversationId: Guid.NewGuid().ToString()))).AssertInvalid("conversation_id");
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(messageId: questionId))).AssertInvalid("message_id");
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(messageId: Guid.NewGuid().ToString()))).AssertInvalid("message_id");
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(botId: "no-such-bot"))).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        var otherBot = await Admin.CreateBotAsync();
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote(botId: otherBot))).AssertInvalid("conversation_id");

        var after = await Admin.GetAsync($"/v1/conversations/{_answer.ConversationId}");
        Assert.Equal(0, after.GetProperty("feedback").GetProperty("up").GetInt32());
        Assert.Equal(0, after.GetProperty("feedback").GetProperty("down").GetInt32());
    }

    [Theory]
    [InlineData("""{"session_id": "s", "conversation_id": "c", "message_id": "m", "rating": "up"}""", "bot_id")]
    [InlineData("""{"bot_id": "b", "conversation_id": "c", "message_id": "m", "rating": "up"}""", "session_id")]
    [InlineData("""{"bot_id": "b", "session_id": "s", "message_id": "m", "rating": "up"}""", "conversation_id")]
    [InlineData("""{"bot_id": "b", "session_id": "s", "conversation_id": "c", "rating": "up"}""", "message_id")]
    [InlineData("""{"bot_id": "b", "session_id": "s", "conversation_id": "c", "message_id": "m"}""", "rating")]
    [InlineData("""{"bot_id": "b", "session_id": "s", "conversation_id": "c", "message_id": "m", "rating": "meh"}""", "rating")]
    [InlineData("""{"bot_id": "b", "session_id": "s", "conversation_id": "c", "message_id": "m", "rating": 1}""", "rating")]
    public async Task A_malformed_vote_is_a_400_naming_the_field(string body, string field)
    {
        using var http = App.NewHttpClient();
        (await http.SendRawAsync(HttpMethod.Post, "/v1/public/feedback", body)).AssertInvalid(field);
    }

    [Fact]
    public async Task A_vote_from_a_site_the_bot_does_not_allow_is_refused()
    {
        await Admin.PatchAsync($"/v1/bots/{_botId}", new { allowed_domains = new[] { "shop.example.com" } });
        using var evil = App.NewHttpClient(headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example.net" });
        (await evil.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", Vote())).AssertError(HttpStatusCode.Forbidden, "origin_not_allowed");
    }
}
