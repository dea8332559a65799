using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.Providers;

/// <summary>
/// A bot's own model endpoint, which a workspace key sets, cannot make the server call a loopback or private
/// address unless the operator allows it; the deployment's endpoint, which the operator sets, always can.
/// </summary>
public class PrivateEndpointTests : ParleyTest
{
    private FakeOpenAIChat _vendor = null!;

    public override async Task InitializeAsync()
    {
        _vendor = await FakeOpenAIChat.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    protected override void Configure(ParleyApp app) => app
        .With("Parley:Model:Provider", "openai")
        .With("Parley:Model:BaseUrl", _vendor.BaseUrl)
        .With("Parley:Model:Model", "deployment-model");

    [Fact]
    public async Task A_bot_endpoint_on_loopback_is_refused_without_a_request_and_not_retried()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 10);
        var botId = await Admin.CreateKnowledgeableBotAsync(
            new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = "sk-test", model = "bot-model" } }, workspace);

        var started = DateTimeOffset.UtcNow;
        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.Empty(_vendor.Requests);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2), "A refused address should not be retried.");
        Assert.Equal(10m, (await Admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task The_deployment_endpoint_on_loopback_is_the_operators_choice_and_works()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("deployment-model", Assert.Single(_vendor.Requests).Body.GetProperty("model").GetString());
    }
}
