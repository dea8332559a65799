using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>Each answered message costs one credit; an empty balance is a stream error, never an overdraft.</summary>
public class CreditsTests : ParleyTest
{
    [Fact]
    public async Task An_answered_message_costs_one_credit()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 10);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal(9m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task A_workspace_without_credits_gets_service_unavailable_inside_a_200_stream()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 0);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var error = Assert.IsType<ErrorEvent>(Assert.Single(events));
        Assert.Equal("service_unavailable", error.Error);
        Assert.Equal(0m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task Concurrent_messages_never_overdraw_the_balance()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 3);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var streams = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()))));

        Assert.Equal(3, streams.Count(s => s[^1] is DoneEvent));
        Assert.Equal(9, streams.Count(s => s[^1] is ErrorEvent { Error: "service_unavailable" }));
        Assert.Equal(0m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task Topping_up_the_balance_lets_the_bot_answer_again()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 0);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);
        var request = new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession());
        await Assert.ThrowsAsync<ParleyStreamException>(() => App.PublicChat().AskAsync(request));

        await Admin.PatchAsync($"/v1/workspaces/{workspace}", new { credits = 2 });

        Assert.Contains("5 business days", (await App.PublicChat().AskAsync(request)).Text, StringComparison.Ordinal);
        Assert.Equal(1m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task A_blocked_answer_is_not_charged()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 5);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { filters = new { blocked_terms = new[] { "refund" } } }, workspace);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<ErrorEvent>(events[^1]);
        Assert.Equal(5m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task A_turn_longer_than_the_reservation_lease_keeps_its_credits_reserved_and_costs_one_credit()
    {
        // Four seconds of answer against a two-second lease, with the refund sweeper looking every second: only a
        // reservation renewed while the turn runs is still there to be settled at its end.
        var app = await StartAppAsync(a => a
            .With("Parley:Credits:ReservationLeaseSeconds", "2")
            .WithGenerator(new ScriptedChatClient { Words = 40, Pace = TimeSpan.FromMilliseconds(100) }));
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync(credits: 10);
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // a sweep after the turn must find nothing to give back either

        Assert.False(string.IsNullOrEmpty(answer.Text));
        Assert.Equal(9m, (await admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    private async Task<decimal> CreditsAsync(string workspaceId) =>
        (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();
}
