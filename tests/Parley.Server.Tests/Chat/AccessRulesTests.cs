using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

public class AccessRulesTests : ParleyTest
{
    [Fact]
    public async Task A_private_bot_refuses_the_public_endpoint_with_403()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { privacy = "private" });

        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() => AskPublicAsync(botId));
        Assert.Equal("bot_private", refusal.Error);
    }

    [Fact]
    public async Task An_inactive_bot_refuses_with_403()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { active = false });

        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() => AskPublicAsync(botId));
        Assert.Equal("bot_inactive", refusal.Error);
    }

    [Fact]
    public async Task A_workspace_whose_trial_has_ended_gets_403_and_a_live_trial_is_served()
    {
        var expired = await Admin.CreateWorkspaceAsync(trialEndsAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var live = await Admin.CreateWorkspaceAsync(trialEndsAt: DateTimeOffset.UtcNow.AddDays(14));
        var expiredBot = await Admin.CreateKnowledgeableBotAsync(workspaceId: expired);
        var liveBot = await Admin.CreateKnowledgeableBotAsync(workspaceId: live);

        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() => AskPublicAsync(expiredBot));
        Assert.Equal("trial_expired", refusal.Error);
        Assert.Contains("30 days", (await AskPublicAsync(liveBot)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_authenticated_endpoint_serves_a_private_bot_to_its_workspace_key()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        var botId = await Admin.CreateKnowledgeableBotAsync(new { privacy = "private" }, workspace);
        var key = (await Admin.PostAsync($"/v1/workspaces/{workspace}/api_keys", new { })).GetProperty("key").GetString()!;

        var answer = await new ParleyChatClient(App.NewHttpClient(), key)
            .AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));

        Assert.Contains("30 days", answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations!);
    }

    [Fact]
    public async Task The_authenticated_endpoint_needs_a_key_and_hides_other_workspaces_bots()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { privacy = "private" });
        var otherWorkspace = await Admin.CreateWorkspaceAsync();
        var otherKey = (await Admin.PostAsync($"/v1/workspaces/{otherWorkspace}/api_keys", new { })).GetProperty("key").GetString()!;
        var request = new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession());

        await Assert.ThrowsAsync<ParleyUnauthorizedException>(
            () => new ParleyChatClient(App.NewHttpClient(), apiKey: null, ParleyChatEndpoint.Authenticated).AskAsync(request));
        await Assert.ThrowsAsync<ParleyUnauthorizedException>(
            () => new ParleyChatClient(App.NewHttpClient(), "parley_ws_not-a-real-key").AskAsync(request));
        var hidden = await Assert.ThrowsAsync<ParleyNotFoundException>(
            () => new ParleyChatClient(App.NewHttpClient(), otherKey).AskAsync(request));
        Assert.Equal("bot_not_found", hidden.Error);
    }

    [Fact]
    public async Task The_authenticated_endpoint_still_refuses_an_inactive_bot()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { active = false });

        var refusal = await Assert.ThrowsAsync<ParleyForbiddenException>(() =>
            new ParleyChatClient(App.NewHttpClient(), ParleyApp.AdminKey).AskAsync(new ChatRequest(botId, "Refunds?", "s")));
        Assert.Equal("bot_inactive", refusal.Error);
    }

    [Fact]
    public async Task Reactivating_a_bot_serves_it_again()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { active = false });
        await Assert.ThrowsAsync<ParleyForbiddenException>(() => AskPublicAsync(botId));

        await Admin.PatchAsync($"/v1/bots/{botId}", new { active = true });

        Assert.Contains("30 days", (await AskPublicAsync(botId)).Text, StringComparison.Ordinal);
    }

    private Task<ChatAnswer> AskPublicAsync(string botId) =>
        App.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item I bought?", ChatStreams.NewSession()));
}
