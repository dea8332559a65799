using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>A visitor who leaves mid-answer stops the generator; the partial answer is kept, marked interrupted.</summary>
public class DisconnectTests : BackendTest
{
    [Fact]
    public async Task Leaving_mid_stream_cancels_generation_stores_the_partial_answer_and_refunds_the_credit()
    {
        var generator = new ScriptedChatClient { Words = 500, Pace = TimeSpan.FromMilliseconds(20) };
        await using var app = await StartAppAsync(a => a.WithGenerator(generator));
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync(credits: 5);
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var received = 0;
        await foreach (var e in app.PublicChat().StreamAsync(new ChatRequest(botId, "How long do refunds take?", "leaving-visitor")))
        {
            if (e is ContentEvent && ++received == 3)
                break;
        }

        await generator.StoppedEarly.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(generator.Finished.Task.IsCompleted);
        Assert.True(generator.Produced < 100, $"the generator kept going: {generator.Produced} pieces");

        var conversation = await WaitForConversationAsync(admin, botId);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("How long do refunds take?", messages[0].GetProperty("content").GetString());
        var partial = messages[1];
        Assert.True(partial.GetProperty("interrupted").GetBoolean());
        Assert.StartsWith("word0 word1 word2 ", partial.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(5m, (await admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task Each_piece_is_flushed_to_the_visitor_as_soon_as_it_is_generated()
    {
        var generator = new ScriptedChatClient { Words = 30, Pace = TimeSpan.FromMilliseconds(50) };
        await using var app = await StartAppAsync(a => a.WithGenerator(generator));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();

        var producedAtFirstContent = -1;
        await foreach (var e in app.PublicChat().StreamAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession())))
        {
            if (e is ContentEvent && producedAtFirstContent < 0)
                producedAtFirstContent = generator.Produced;
        }

        Assert.InRange(producedAtFirstContent, 1, 3);
        Assert.True(generator.Finished.Task.IsCompleted);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForConversationAsync(AdminApi admin, string botId)
    {
        // The server stores the turn right after it notices the disconnect; give it a moment.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var list = await admin.GetAsync($"/v1/bots/{botId}/conversations");
            if (list.GetArrayLength() == 1)
            {
                var conversation = await admin.GetAsync($"/v1/conversations/{list[0].GetProperty("id").GetString()}");
                if (conversation.GetProperty("messages").GetArrayLength() == 2)
                    return conversation;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The interrupted turn was never stored.");
    }
}
