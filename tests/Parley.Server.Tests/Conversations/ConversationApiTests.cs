using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

/// <summary>What visitors said, read back through the admin API after they said it through the public chat.</summary>
public class ConversationApiTests : ParleyTest
{
    private const string FirstQuestion = "How long do refunds take?";
    private const string SecondQuestion = "How much does express delivery cost?";

    private string _botId = null!;
    private string _sessionId = null!;
    private ChatAnswer _first = null!;
    private ChatAnswer _second = null!;

    protected override async Task SeedAsync()
    {
        _botId = await Admin.CreateKnowledgeableBotAsync();
        _sessionId = ChatStreams.NewSession();
        var chat = App.PublicChat();
        _first = await chat.AskAsync(new ChatRequest(_botId, FirstQuestion, _sessionId));
        _second = await chat.AskAsync(new ChatRequest(_botId, SecondQuestion, _sessionId, _first.ConversationId));
    }

    [Fact]
    public async Task Two_turns_in_one_conversation_are_listed_once_with_the_session_and_timestamps()
    {
        var list = (await Admin.GetAsync($"/v1/bots/{_botId}/conversations")).EnumerateArray().ToList();

        var conversation = Assert.Single(list, c => c.GetProperty("session_id").GetString() == _sessionId);
        Assert.Equal(_first.ConversationId, conversation.GetProperty("id").GetString());
        Assert.Equal(_second.ConversationId, _first.ConversationId);
        Assert.Equal(_botId, conversation.GetProperty("bot_id").GetString());
        var createdAt = conversation.GetProperty("created_at").GetDateTimeOffset();
        var updatedAt = conversation.GetProperty("updated_at").GetDateTimeOffset();
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(updatedAt > createdAt, "the second turn should move updated_at past created_at");
    }

    [Fact]
    public async Task A_conversation_holds_its_four_messages_in_order()
    {
        var conversation = await Admin.GetAsync($"/v1/conversations/{_first.ConversationId}");

        Assert.Equal(_first.ConversationId, conversation.GetProperty("id").GetString());
        Assert.Equal(_botId, conversation.GetProperty("bot_id").GetString());
        Assert.Equal(_sessionId, conversation.GetProperty("session_id").GetString());
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(4, messages.Count);
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal([FirstQuestion, _first.Text, SecondQuestion, _second.Text], messages.Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(_first.AssistantMessageId, messages[1].GetProperty("id").GetString());
        Assert.Equal(_second.AssistantMessageId, messages[3].GetProperty("id").GetString());
        Assert.Equal(4, messages.Select(m => m.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(messages, m => Assert.True(Guid.TryParse(m.GetProperty("id").GetString(), out _)));
        Assert.All(messages, m => Assert.False(m.GetProperty("interrupted").GetBoolean()));

        var times = messages.Select(m => m.GetProperty("created_at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[0] >= conversation.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(times[3], conversation.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Assistant_messages_keep_the_citations_the_visitor_saw()
    {
        var messages = (await Admin.GetAsync($"/v1/conversations/{_first.ConversationId}")).GetProperty("messages").EnumerateArray().ToList();

        Assert.Empty(messages[0].GetProperty("citations").EnumerateArray());
        Assert.Empty(messages[2].GetProperty("citations").EnumerateArray());
        AssertSameCitations(_first.Citations!, messages[1].GetProperty("citations"));
        AssertSameCitations(_second.Citations!, messages[3].GetProperty("citations"));

        var top = messages[1].GetProperty("citations")[0];
        Assert.Equal("Refund policy", top.GetProperty("page_title").GetString());
        Assert.StartsWith("https://shop.example.com/help/refunds", top.GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(top.GetProperty("source_id").GetString(), out _));
        Assert.InRange(top.GetProperty("score").GetDouble(), 0.0, 1.0);
        Assert.False(top.GetProperty("from_web_search").GetBoolean());
        Assert.Equal("Shipping", messages[3].GetProperty("citations")[0].GetProperty("page_title").GetString());
    }

    [Fact]
    public async Task Conversations_are_listed_most_recent_first_and_limit_caps_the_list()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var chat = App.PublicChat();
        var older = await chat.AskAsync(new ChatRequest(botId, FirstQuestion, ChatStreams.NewSession()));
        var newer = await chat.AskAsync(new ChatRequest(botId, SecondQuestion, ChatStreams.NewSession()));

        var all = (await Admin.GetAsync($"/v1/bots/{botId}/conversations")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var one = (await Admin.GetAsync($"/v1/bots/{botId}/conversations?limit=1")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();

        Assert.Equal([newer.ConversationId, older.ConversationId], all);
        Assert.Equal([newer.ConversationId], one);
    }

    [Fact]
    public async Task A_bot_nobody_talked_to_has_no_conversations()
    {
        var botId = await Admin.CreateBotAsync();

        Assert.Equal(0, (await Admin.GetAsync($"/v1/bots/{botId}/conversations")).GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public async Task An_out_of_range_limit_is_a_400_naming_limit(string limit)
    {
        var reply = await Admin.Http.GetReplyAsync($"/v1/bots/{_botId}/conversations?limit={limit}");

        reply.AssertInvalid("limit");
    }

    [Fact]
    public async Task An_unknown_conversation_is_a_404()
    {
        var reply = await Admin.Http.GetReplyAsync("/v1/conversations/00000000-0000-0000-0000-000000000000");

        reply.AssertError(HttpStatusCode.NotFound, "conversation_not_found");
    }

    [Fact]
    public async Task The_conversations_of_an_unknown_bot_are_a_404()
    {
        var reply = await Admin.Http.GetReplyAsync("/v1/bots/00000000-0000-0000-0000-000000000000/conversations");

        reply.AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }

    private static void AssertSameCitations(IReadOnlyList<Citation> streamed, JsonElement stored)
    {
        Assert.NotEmpty(streamed);
        Assert.Equal(streamed.Count, stored.GetArrayLength());
        foreach (var (expected, actual) in streamed.Zip(stored.EnumerateArray()))
        {
            Assert.Equal(expected.PageTitle, actual.GetProperty("page_title").GetString());
            Assert.Equal(expected.SourceUrl, actual.GetProperty("source_url").GetString());
            Assert.Equal(expected.SourceId, actual.GetProperty("source_id").GetString());
            Assert.Equal(expected.Score, actual.GetProperty("score").GetDouble(), 6);
            Assert.Equal(expected.FromWebSearch, actual.GetProperty("from_web_search").GetBoolean());
        }
    }
}
