using System.Diagnostics;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>When the knowledge cannot be searched in time, or the credits run out, the stream says so and still ends properly.</summary>
public class DegradationTests : BackendTest
{
    [Fact]
    public async Task A_search_slower_than_its_budget_is_abandoned_with_a_rag_unavailable_notice_and_the_answer_goes_on()
    {
        await using var app = await StartAppAsync(a => a.WithSlowSearch(TimeSpan.FromSeconds(30)).With("Parley:Retrieval:TimeoutMs", "300"));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync();
        var clock = Stopwatch.StartNew();

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"The answer waited {clock.Elapsed} for the search.");
        Assert.Equal("rag_unavailable", Assert.IsType<NoticeEvent>(events[1]).Code);
        Assert.IsType<DoneEvent>(events[^1]);
    }

    [Fact]
    public async Task A_bot_set_to_decline_says_it_cannot_answer_now_and_charges_nothing()
    {
        await using var app = await StartAppAsync(a => a.WithFailingSearch());
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync(credits: 5);
        var botId = await admin.CreateKnowledgeableBotAsync(new { when_knowledge_unavailable = "decline" }, workspace);

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("rag_unavailable", Assert.IsType<NoticeEvent>(events[1]).Code);
        Assert.Contains("can't look this up right now", events.Text(), StringComparison.Ordinal);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.True(done.Citations is null || done.Citations.Count == 0);
        Assert.Equal(5m, (await admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task A_workspace_that_runs_out_of_credits_mid_conversation_gets_service_unavailable_on_the_next_message()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync(credits: 1);
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspace);
        var session = ChatStreams.NewSession();

        var first = await app.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", session));
        var conversation = Assert.IsType<DoneEvent>(first[^1]).ConversationId;
        var second = await app.PublicChat().CollectAsync(new ChatRequest(botId, "And how long does shipping take?", session, conversation));

        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(second[^1]).Error);
        Assert.DoesNotContain(second, e => e is ContentEvent);
    }
}
