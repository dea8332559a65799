using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.Providers;

/// <summary>
/// A bot answering with Claude, through the official Anthropic SDK, against a local server speaking the
/// Messages API's streaming events, its overloaded (529) and rate-limit (429) answers and its error event.
/// </summary>
public class AnthropicProviderTests : ParleyTest
{
    private const string Key = "sk-ant-test-41d8e2";

    private FakeAnthropic _vendor = null!;

    public override async Task InitializeAsync()
    {
        _vendor = await FakeAnthropic.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    // The fake vendor listens on loopback, which a bot's own endpoint may reach only when allowed.
    protected override void Configure(ParleyApp app) => app.With("Parley:Model:RetryDelayMs", "20").With("Parley:Model:AllowPrivateNetworks", "true");

    [Fact]
    public async Task The_answer_streams_from_claude_and_the_request_carries_key_system_prompt_and_limits()
    {
        _vendor.Enqueue(VendorReply.Text("Refunds arrive ", "within 5 business days", " [1]."));
        var botId = await CreateBotAsync(new { system_prompt = "You are Kettle Co's helper." });

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("Refunds arrive within 5 business days [1].", events.Text());
        var request = Assert.Single(_vendor.Requests);
        // The SDK sends the key as a bearer token; the Messages API also takes it as x-api-key.
        Assert.True(request.Header("authorization") == $"Bearer {Key}" || request.Header("x-api-key") == Key, "The key was not sent.");
        Assert.NotEqual("", request.Header("anthropic-version"));
        var body = request.Body;
        Assert.Equal("claude-test-1", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal(400, body.GetProperty("max_tokens").GetInt32());
        // The Messages API version this SDK speaks has no temperature: the setting applies to OpenAI-compatible models.
        var system = body.GetProperty("system") switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString()!,
            var blocks => string.Concat(blocks.EnumerateArray().Select(b => b.GetProperty("text").GetString())),
        };
        Assert.StartsWith("You are Kettle Co's helper.", system, StringComparison.Ordinal);
        Assert.Contains("[1] Refund policy", system, StringComparison.Ordinal);
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.All(messages, m => Assert.NotEqual("system", m.GetProperty("role").GetString()));
        Assert.Equal("user", messages[^1].GetProperty("role").GetString());
        Assert.Equal("How long do refunds take?", OpenAIProviderTests.Text(messages[^1]));
    }

    [Fact]
    public async Task An_overloaded_answer_is_retried()
    {
        _vendor.Enqueue(VendorReply.Failure(529, "overloaded_error"), VendorReply.Text("Five days [1]."));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Five days [1].", events.Text());
        Assert.Equal(2, _vendor.Requests.Count);
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_after_its_retry_after()
    {
        _vendor.Enqueue(VendorReply.Failure(429, "rate_limit_error", retryAfter: "1"), VendorReply.Text("Five days [1]."));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Five days [1].", events.Text());
        var requests = _vendor.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task An_overloaded_error_event_before_any_text_is_retried()
    {
        _vendor.Enqueue(new VendorReply { Pieces = ["never sent"], ErrorEventAfter = 0, Error = "overloaded_error" }, VendorReply.Text("Five days [1]."));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("Five days [1].", events.Text());
        Assert.Equal(2, _vendor.Requests.Count);
    }

    [Fact]
    public async Task An_error_event_after_text_ends_the_stream_with_service_unavailable_and_refunds()
    {
        _vendor.Enqueue(new VendorReply { Pieces = ["Refunds ", "take ", "five days."], ErrorEventAfter = 2, Error = "overloaded_error" });
        var workspace = await Admin.CreateWorkspaceAsync(credits: 10);
        var botId = await CreateBotAsync(workspaceId: workspace);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Refunds take ", events.Text());
        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.Single(_vendor.Requests);
        Assert.Equal(10m, (await Admin.GetAsync($"/v1/workspaces/{workspace}")).GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task Input_and_output_tokens_come_from_message_start_and_message_delta()
    {
        _vendor.Enqueue(new VendorReply { Pieces = ["Five days [1]."], InputTokens = 1234, OutputTokens = 17 });
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var done = Assert.IsType<DoneEvent>(events[^1]);
        var usage = (await Admin.GetAsync($"/v1/conversations/{done.ConversationId}")).GetProperty("messages")[1].GetProperty("usage");
        Assert.Equal(1234, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(17, usage.GetProperty("output_tokens").GetInt32());
    }

    private Task<string> CreateBotAsync(object? extra = null, string? workspaceId = null)
    {
        var settings = JsonSerializer.SerializeToNode(extra ?? new { }, AdminApi.Json)!.AsObject();
        settings["model"] = JsonSerializer.SerializeToNode(new
        {
            provider = "anthropic", base_url = _vendor.Root, api_key = Key, model = "claude-test-1", max_tokens = 400,
        });
        return Admin.CreateKnowledgeableBotAsync(settings, workspaceId);
    }
}
