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

    [Fact]
    public async Task Each_conversation_is_titled_by_its_first_question_and_marked_public_when_it_came_through_the_public_endpoint()
    {
        var listed = (await Admin.GetAsync($"/v1/bots/{_botId}/conversations"))[0];
        var read = await Admin.GetAsync($"/v1/conversations/{_first.ConversationId}");

        Assert.Equal(FirstQuestion, listed.GetProperty("title").GetString());
        Assert.Equal("public", listed.GetProperty("channel").GetString());
        Assert.Equal(FirstQuestion, read.GetProperty("title").GetString());
        Assert.Equal("public", read.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task A_long_first_question_on_several_lines_becomes_one_line_cut_at_a_word_break_within_80_characters()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        const string Long = "Hello!\n\nI ordered a kettle   last week and it arrived with a dent in the lid; how long do refunds take once I send it back?";

        await App.PublicChat().AskAsync(new ChatRequest(botId, Long, ChatStreams.NewSession()));

        var title = (await Admin.GetAsync($"/v1/bots/{botId}/conversations"))[0].GetProperty("title").GetString()!;
        Assert.Equal("Hello! I ordered a kettle last week and it arrived with a dent in the lid; how…", title);
        Assert.True(title.Length <= 80, $"{title.Length} characters");
    }

    [Fact]
    public async Task The_authenticated_endpoint_records_api_the_playground_marks_its_own_chats_and_the_public_endpoint_cannot()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var api = await AskAsync(Admin.Http, "/v1/chat/stream", botId, "api question", channel: null);
        var playground = await AskAsync(Admin.Http, "/v1/chat/stream", botId, "playground question", channel: "playground");
        using var anonymous = App.NewHttpClient();
        var pretender = await AskAsync(anonymous, "/v1/public/chat/stream", botId, "pretending question", channel: "playground");

        // A later message keeps the conversation where it began.
        await AskAsync(Admin.Http, "/v1/chat/stream", botId, "second playground question", channel: "api", conversationId: playground);

        var channels = (await Admin.GetAsync($"/v1/bots/{botId}/conversations")).EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => (Channel: c.GetProperty("channel").GetString(), Title: c.GetProperty("title").GetString()));
        Assert.Equal(("api", "api question"), channels[api]);
        Assert.Equal(("playground", "playground question"), channels[playground]);
        Assert.Equal(("public", "pretending question"), channels[pretender]);
    }

    [Fact]
    public async Task Conversations_can_be_listed_for_visitors_only_or_for_the_playground_only_and_all_is_the_default()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var api = await AskAsync(Admin.Http, "/v1/chat/stream", botId, FirstQuestion, channel: "api");
        var playground = await AskAsync(Admin.Http, "/v1/chat/stream", botId, FirstQuestion, channel: "playground");
        var visitor = (await App.PublicChat().AskAsync(new ChatRequest(botId, FirstQuestion, ChatStreams.NewSession()))).ConversationId;

        Assert.Equal([visitor, playground, api], await IdsAsync(botId, ""));
        Assert.Equal([visitor, playground, api], await IdsAsync(botId, "?channel=all"));
        Assert.Equal([visitor, api], await IdsAsync(botId, "?channel=visitors"));
        Assert.Equal([playground], await IdsAsync(botId, "?channel=playground"));
        Assert.Equal([visitor], await IdsAsync(botId, "?channel=public"));
        Assert.Equal([api], await IdsAsync(botId, "?channel=api&limit=5"));
    }

    [Fact]
    public async Task Feedback_down_lists_only_conversations_with_an_answer_a_visitor_voted_down()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var chat = App.PublicChat();
        var liked = await chat.AskAsync(new ChatRequest(botId, FirstQuestion, "visitor-liked"));
        var disliked = await chat.AskAsync(new ChatRequest(botId, FirstQuestion, "visitor-disliked"));
        var disliked2 = await chat.AskAsync(new ChatRequest(botId, SecondQuestion, "visitor-disliked", disliked.ConversationId));
        await chat.AskAsync(new ChatRequest(botId, SecondQuestion, "visitor-silent"));
        await VoteAsync(botId, "visitor-liked", liked, "up");
        await VoteAsync(botId, "visitor-disliked", disliked, "up");
        await VoteAsync(botId, "visitor-disliked", disliked2, "down");

        Assert.Equal([disliked.ConversationId], await IdsAsync(botId, "?feedback=down"));
        Assert.Equal([disliked.ConversationId, liked.ConversationId], await IdsAsync(botId, "?feedback=up"));
        Assert.Equal([disliked.ConversationId], await IdsAsync(botId, "?feedback=down&channel=visitors"));
        Assert.Empty(await IdsAsync(botId, "?feedback=down&channel=playground"));
    }

    [Theory]
    [InlineData("channel=widget", "channel")]
    [InlineData("channel=PLAYGROUND", "channel")]
    [InlineData("feedback=thumbs_down", "feedback")]
    [InlineData("feedback=-1", "feedback")]
    public async Task An_unknown_channel_or_feedback_filter_is_a_400_naming_it(string query, string field)
    {
        var reply = await Admin.Http.GetReplyAsync($"/v1/bots/{_botId}/conversations?{query}");

        reply.AssertInvalid(field);
    }

    [Fact]
    public async Task An_unknown_channel_on_the_authenticated_chat_endpoint_is_a_400_naming_it()
    {
        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, "/v1/chat/stream",
            new { bot_id = _botId, session_id = ChatStreams.NewSession(), message = FirstQuestion, channel = "widget" });

        reply.AssertInvalid("channel");
    }

    /// <summary>Asks through <paramref name="path"/> with a raw body that may carry <c>channel</c>; returns the conversation id.</summary>
    private static async Task<string> AskAsync(HttpClient http, string path, string botId, string message, string? channel, string? conversationId = null)
    {
        var body = new Dictionary<string, object?> { ["bot_id"] = botId, ["session_id"] = "owner-session", ["message"] = message };
        if (channel is not null)
            body["channel"] = channel;
        if (conversationId is not null)
            body["conversation_id"] = conversationId;
        var reply = await http.SendReplyAsync(HttpMethod.Post, path, body);
        reply.AssertStatus(HttpStatusCode.OK);
        var done = SseTranscript.Parse(reply.Body).Done;
        return done.GetProperty("conversation_id").GetString()!;
    }

    private async Task<List<string?>> IdsAsync(string botId, string query) =>
        (await Admin.GetAsync($"/v1/bots/{botId}/conversations{query}")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();

    private async Task VoteAsync(string botId, string sessionId, ChatAnswer answer, string rating)
    {
        using var http = App.NewHttpClient();
        var vote = new { bot_id = botId, session_id = sessionId, conversation_id = answer.ConversationId, message_id = answer.AssistantMessageId, rating };
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", vote)).AssertStatus(HttpStatusCode.NoContent);
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
