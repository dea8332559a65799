using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Privacy;

/// <summary>
/// The right to erasure: every conversation a visitor's session held with a workspace's bots goes, with its messages
/// and feedback; nobody else's does, and another workspace's conversations of the same session id stay.
/// </summary>
public class VisitorErasureTests : ParleyTest
{
    private string _workspace = null!;
    private string _otherWorkspace = null!;
    private string _botA = null!;
    private string _botB = null!;
    private string _foreignBot = null!;

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    protected override async Task SeedAsync()
    {
        _workspace = await Admin.CreateWorkspaceAsync();
        _otherWorkspace = await Admin.CreateWorkspaceAsync();
        _botA = await Admin.CreateBotAsync(workspaceId: _workspace);
        _botB = await Admin.CreateBotAsync(workspaceId: _workspace);
        _foreignBot = await Admin.CreateBotAsync(workspaceId: _otherWorkspace);
    }

    [Fact]
    public async Task Erasing_a_visitor_deletes_their_conversations_with_every_bot_of_the_workspace_and_nothing_else()
    {
        var session = ChatStreams.NewSession();
        var chat = App.PublicChat();
        var first = await chat.AskAsync(new ChatRequest(_botA, "How long do refunds take?", session));
        await chat.AskAsync(new ChatRequest(_botA, "And for a gift?", session, first.ConversationId));
        var withB = await chat.AskAsync(new ChatRequest(_botB, "Do you ship abroad?", session));
        await VoteAsync(_botA, session, first);
        var someoneElse = await chat.AskAsync(new ChatRequest(_botA, "How long do refunds take?", ChatStreams.NewSession()));
        var sameSessionElsewhere = await chat.AskAsync(new ChatRequest(_foreignBot, "How long do refunds take?", session));

        var erased = await EraseAsync(Admin.Http, _workspace, session);

        Assert.Equal(2, erased.GetProperty("conversations").GetInt32());
        Assert.Equal(6, erased.GetProperty("messages").GetInt32());
        Assert.Equal(1, erased.GetProperty("feedback").GetInt32());
        foreach (var gone in new[] { first.ConversationId, withB.ConversationId })
        {
            (await Admin.Http.GetReplyAsync($"/v1/conversations/{gone}")).AssertError(HttpStatusCode.NotFound, "conversation_not_found");
            Assert.Equal(0, await StoredRows.CountAsync(App, "messages", "conversation_id", gone));
            Assert.Equal(0, await StoredRows.CountAsync(App, "feedback", "conversation_id", gone));
        }

        Assert.Equal(1, await StoredRows.CountAsync(App, "conversations", "session_id", session));
        Assert.Equal(2, (await Admin.GetAsync($"/v1/conversations/{someoneElse.ConversationId}")).GetProperty("messages").GetArrayLength());
        Assert.Equal(2, (await Admin.GetAsync($"/v1/conversations/{sameSessionElsewhere.ConversationId}")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Erasing_again_deletes_nothing_and_says_so()
    {
        var session = ChatStreams.NewSession();
        await App.PublicChat().AskAsync(new ChatRequest(_botA, "How long do refunds take?", session));
        await EraseAsync(Admin.Http, _workspace, session);

        var again = await EraseAsync(Admin.Http, _workspace, session);
        var never = await EraseAsync(Admin.Http, _workspace, "a-session-that-never-chatted");

        foreach (var erased in new[] { again, never })
        {
            Assert.Equal(0, erased.GetProperty("conversations").GetInt32());
            Assert.Equal(0, erased.GetProperty("messages").GetInt32());
            Assert.Equal(0, erased.GetProperty("feedback").GetInt32());
        }
    }

    [Fact]
    public async Task An_erased_conversation_cannot_be_continued_with_its_old_history()
    {
        var session = ChatStreams.NewSession();
        var first = await App.PublicChat().AskAsync(new ChatRequest(_botA, "How long do refunds take?", session));
        await EraseAsync(Admin.Http, _workspace, session);

        var refusal = await Assert.ThrowsAsync<ParleyBadRequestException>(() =>
            App.PublicChat().AskAsync(new ChatRequest(_botA, "And for a gift?", session, first.ConversationId)));

        Assert.Equal("invalid_conversation", refusal.Error);
        Assert.Equal(0, await StoredRows.CountAsync(App, "messages", "conversation_id", first.ConversationId));
    }

    [Fact]
    public async Task A_workspace_key_erases_visitors_of_its_own_workspace_only()
    {
        var session = ChatStreams.NewSession();
        var own = await App.PublicChat().AskAsync(new ChatRequest(_botA, "How long do refunds take?", session));
        var foreign = await App.PublicChat().AskAsync(new ChatRequest(_foreignBot, "How long do refunds take?", session));
        using var key = App.NewHttpClient(await Admin.CreateWorkspaceKeyAsync(_workspace));

        (await key.DeleteReplyAsync($"/v1/workspaces/{_otherWorkspace}/visitors/{session}"))
            .AssertError(HttpStatusCode.NotFound, "workspace_not_found");
        var erased = await EraseAsync(key, _workspace, session);

        Assert.Equal(1, erased.GetProperty("conversations").GetInt32());
        (await Admin.Http.GetReplyAsync($"/v1/conversations/{own.ConversationId}")).AssertStatus(HttpStatusCode.NotFound);
        await Admin.GetAsync($"/v1/conversations/{foreign.ConversationId}");
    }

    [Fact]
    public async Task Erasing_needs_a_key_and_an_existing_workspace()
    {
        using var anonymous = App.NewHttpClient();

        (await anonymous.DeleteReplyAsync($"/v1/workspaces/{_workspace}/visitors/someone")).AssertStatus(HttpStatusCode.Unauthorized);
        (await Admin.Http.DeleteReplyAsync("/v1/workspaces/no-such-workspace/visitors/someone"))
            .AssertError(HttpStatusCode.NotFound, "workspace_not_found");
    }

    [Fact]
    public async Task A_session_id_longer_than_any_visitor_can_have_is_a_400_naming_session_id()
    {
        var reply = await Admin.Http.DeleteReplyAsync($"/v1/workspaces/{_workspace}/visitors/{new string('s', 129)}");

        reply.AssertInvalid("session_id");
    }

    private static async Task<JsonElement> EraseAsync(HttpClient http, string workspaceId, string sessionId)
    {
        var reply = await http.DeleteReplyAsync($"/v1/workspaces/{workspaceId}/visitors/{Uri.EscapeDataString(sessionId)}");
        reply.AssertStatus(HttpStatusCode.OK);
        return reply.Json;
    }

    private async Task VoteAsync(string botId, string sessionId, ChatAnswer answer)
    {
        using var http = App.NewHttpClient();
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", new
        {
            bot_id = botId,
            session_id = sessionId,
            conversation_id = answer.ConversationId,
            message_id = answer.AssistantMessageId,
            rating = "down",
        })).AssertStatus(HttpStatusCode.NoContent);
    }
}
