using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>A conversation continues for its own bot and session, and remembers what was said.</summary>
public class ContinuationTests : ParleyTest
{
    private string _botId = null!;

    protected override async Task SeedAsync()
    {
        _botId = await Admin.CreateKnowledgeableBotAsync();
    }

    [Fact]
    public async Task Sending_the_conversation_id_continues_the_same_conversation()
    {
        var chat = App.PublicChat();
        var first = await chat.AskAsync(new ChatRequest(_botId, "Can I return an item?", "visitor-1"));
        var second = await chat.AskAsync(new ChatRequest(_botId, "What does express delivery cost?", "visitor-1", first.ConversationId));

        Assert.Equal(first.ConversationId, second.ConversationId);
        var conversation = await Admin.GetAsync($"/v1/conversations/{first.ConversationId}");
        Assert.Equal("visitor-1", conversation.GetProperty("session_id").GetString());
        Assert.Equal(4, conversation.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_follow_up_question_is_answered_in_the_light_of_the_earlier_turn()
    {
        var chat = App.PublicChat();
        var first = await chat.AskAsync(new ChatRequest(_botId, "Is limescale damage covered by the warranty?", "visitor-2"));

        var followUp = await chat.AskAsync(new ChatRequest(_botId, "And how long does it last?", "visitor-2", first.ConversationId));
        var standalone = await chat.AskAsync(new ChatRequest(_botId, "And how long does it last?", "visitor-3"));

        Assert.Contains("two-year", followUp.Text, StringComparison.Ordinal);
        Assert.Equal("Warranty", followUp.Citations![0].PageTitle);
        Assert.DoesNotContain(standalone.Citations!, c => c.PageTitle == "Warranty");
    }

    [Fact]
    public async Task Another_session_cannot_continue_the_conversation()
    {
        var first = await App.PublicChat().AskAsync(new ChatRequest(_botId, "Can I return an item?", "owner"));

        var refusal = await Assert.ThrowsAsync<ParleyBadRequestException>(() =>
            App.PublicChat().AskAsync(new ChatRequest(_botId, "What did I ask before?", "intruder", first.ConversationId)));

        Assert.Equal("invalid_conversation", refusal.Error);
        Assert.Equal("conversation_id", refusal.Field);
        var conversation = await Admin.GetAsync($"/v1/conversations/{first.ConversationId}");
        Assert.Equal(2, conversation.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Another_bot_cannot_continue_the_conversation()
    {
        var first = await App.PublicChat().AskAsync(new ChatRequest(_botId, "Can I return an item?", "owner-2"));
        var otherBot = await Admin.CreateKnowledgeableBotAsync();

        var refusal = await Assert.ThrowsAsync<ParleyBadRequestException>(() =>
            App.PublicChat().AskAsync(new ChatRequest(otherBot, "And shipping?", "owner-2", first.ConversationId)));

        Assert.Equal("invalid_conversation", refusal.Error);
        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
    }

    [Fact]
    public async Task An_unknown_conversation_id_is_refused_rather_than_started()
    {
        var missing = Guid.NewGuid().ToString();

        var refusal = await Assert.ThrowsAsync<ParleyBadRequestException>(() =>
            App.PublicChat().AskAsync(new ChatRequest(_botId, "Hello?", "visitor-4", missing)));

        Assert.Equal("invalid_conversation", refusal.Error);
        using var lookup = await Admin.Http.GetAsync($"/v1/conversations/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }
}
