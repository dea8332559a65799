using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Privacy;

/// <summary>
/// A workspace's retention: once a conversation's last message is older than it, the background worker deletes the
/// conversation with its messages and feedback; newer conversations, and other workspaces', stay.
/// </summary>
public class RetentionTests : ParleyTest
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    // A batch of two, so the three expired conversations below take more than one transaction to delete.
    protected override void Configure(ParleyApp app) => app
        .With("Parley:Embeddings:Provider", "none")
        .With("Parley:Privacy:RetentionSweepSeconds", "60")
        .With("Parley:Privacy:RetentionBatchSize", "2")
        .WithServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));

    [Fact]
    public async Task Conversations_past_the_retention_are_deleted_with_their_messages_and_feedback_and_the_rest_are_kept()
    {
        // Listed (and swept) in order of creation: the workspace that keeps everything is swept before the one that
        // deletes, so once the deletion is seen the sweep has passed it too.
        var keepsAll = await Admin.CreateWorkspaceAsync();
        var keepsMonth = await Admin.CreateWorkspaceAsync();
        await Admin.PatchAsync($"/v1/workspaces/{keepsMonth}", new { retention_days = 30 });
        var monthBot = await Admin.CreateBotAsync(workspaceId: keepsMonth);
        var allBot = await Admin.CreateBotAsync(workspaceId: keepsAll);

        var expired = new List<ChatAnswer>();
        for (var i = 0; i < 3; i++)
            expired.Add(await AskAsync(monthBot, "How long do refunds take?"));
        var voted = expired[0];
        await VoteAsync(monthBot, voted);
        var keptElsewhere = await AskAsync(allBot, "How long do refunds take?");
        await VoteAsync(allBot, keptElsewhere);

        _clock.Advance(TimeSpan.FromDays(20));
        var recent = await AskAsync(monthBot, "Do you ship abroad?");
        _clock.Advance(TimeSpan.FromDays(11));

        await WaitUntilGoneAsync(expired.Select(a => a.ConversationId));
        var listed = (await Admin.GetAsync($"/v1/bots/{monthBot}/conversations")).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal([recent.ConversationId], listed);
        foreach (var answer in expired)
        {
            Assert.Equal(0, await StoredRows.CountAsync(App, "messages", "conversation_id", answer.ConversationId));
            Assert.Equal(0, await StoredRows.CountAsync(App, "feedback", "conversation_id", answer.ConversationId));
        }

        Assert.Equal(2, (await Admin.GetAsync($"/v1/conversations/{recent.ConversationId}")).GetProperty("messages").GetArrayLength());
        var elsewhere = await Admin.GetAsync($"/v1/conversations/{keptElsewhere.ConversationId}");
        Assert.Equal(2, elsewhere.GetProperty("messages").GetArrayLength());
        Assert.Equal(1, elsewhere.GetProperty("feedback").GetProperty("up").GetInt32());
    }

    [Fact]
    public async Task A_conversation_continued_within_the_retention_is_kept_from_its_last_message()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        await Admin.PatchAsync($"/v1/workspaces/{workspace}", new { retention_days = 7 });
        var botId = await Admin.CreateBotAsync(workspaceId: workspace);
        var session = ChatStreams.NewSession();
        var continued = await App.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", session));
        var abandoned = await AskAsync(botId, "Can I return an item?");

        _clock.Advance(TimeSpan.FromDays(6));
        await App.PublicChat().AskAsync(new ChatRequest(botId, "And a gift?", session, continued.ConversationId));
        _clock.Advance(TimeSpan.FromDays(2));

        await WaitUntilGoneAsync([abandoned.ConversationId]);
        Assert.Equal(4, (await Admin.GetAsync($"/v1/conversations/{continued.ConversationId}")).GetProperty("messages").GetArrayLength());
    }

    private Task<ChatAnswer> AskAsync(string botId, string question) =>
        App.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

    private async Task VoteAsync(string botId, ChatAnswer answer)
    {
        using var http = App.NewHttpClient();
        var conversation = await Admin.GetAsync($"/v1/conversations/{answer.ConversationId}");
        (await http.SendReplyAsync(HttpMethod.Post, "/v1/public/feedback", new
        {
            bot_id = botId,
            session_id = conversation.GetProperty("session_id").GetString(),
            conversation_id = answer.ConversationId,
            message_id = answer.AssistantMessageId,
            rating = "up",
        })).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(1, await StoredRows.CountAsync(App, "feedback", "conversation_id", answer.ConversationId));
    }

    private async Task WaitUntilGoneAsync(IEnumerable<string> conversationIds)
    {
        foreach (var id in conversationIds)
        {
            var status = HttpStatusCode.OK;
            for (var attempt = 0; attempt < 200 && status != HttpStatusCode.NotFound; attempt++)
            {
                status = (await Admin.Http.GetReplyAsync($"/v1/conversations/{id}")).Status;
                if (status != HttpStatusCode.NotFound)
                    await Task.Delay(50);
            }

            Assert.True(status == HttpStatusCode.NotFound, $"conversation {id} outlived its retention");
        }
    }
}
