using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.Providers;

/// <summary>
/// A bot answering with an OpenAI-compatible model, through the real OpenAI SDK, against a local server
/// speaking the chat-completions streaming format: what is sent, what is streamed back, and how failures
/// before and after the answer starts end.
/// </summary>
public class OpenAIProviderTests : ParleyTest
{
    private const string Key = "sk-test-7f3a9c1e5b";

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

    // The fake vendor listens on loopback, which a bot's own endpoint may reach only when allowed.
    protected override void Configure(ParleyApp app) => app.With("Parley:Model:RetryDelayMs", "20").With("Parley:Model:AllowPrivateNetworks", "true");

    [Fact]
    public async Task The_answer_streams_from_the_model_and_the_request_carries_the_bots_settings()
    {
        _vendor.Enqueue(VendorReply.Text("Refunds are sent ", "within 5 business ", "days [1]."));
        var botId = await CreateBotAsync(new { system_prompt = "You are Kettle Co's helper." });

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Refunds are sent within 5 business days [1].", events.Text());
        Assert.Equal(3, events.OfType<ContentEvent>().Count());
        var request = Assert.Single(_vendor.Requests);
        Assert.Equal($"Bearer {Key}", request.Header("authorization"));
        var body = request.Body;
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(300, MaxTokens(body));
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        var system = Text(messages[0]);
        Assert.StartsWith("You are Kettle Co's helper.", system, StringComparison.Ordinal);
        Assert.Contains("[1] Refund policy", system, StringComparison.Ordinal);
        Assert.Contains("within 5 business days", system, StringComparison.Ordinal);
        Assert.Equal("user", messages[^1].GetProperty("role").GetString());
        Assert.Equal("How long do refunds take?", Text(messages[^1]));
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_after_the_wait_the_provider_asked_for()
    {
        _vendor.Enqueue(VendorReply.Failure(429, "rate_limit_exceeded", retryAfter: "1"), VendorReply.Text("Five business days [1]."));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("Five business days [1].", events.Text());
        var requests = _vendor.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"The retry came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the 429 that asked for 1 s.");
    }

    [Fact]
    public async Task Server_errors_before_the_answer_starts_are_retried()
    {
        _vendor.Enqueue(VendorReply.Failure(500, "server_error"), VendorReply.Failure(503, "server_error"), VendorReply.Text("Five days [1]."));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal("Five days [1].", events.Text());
        Assert.Equal(3, _vendor.Requests.Count);
    }

    [Fact]
    public async Task A_wait_longer_than_the_cap_is_not_sat_out_the_stream_ends_with_service_unavailable()
    {
        _vendor.Enqueue(VendorReply.Failure(429, "rate_limit_exceeded", retryAfter: "120"));
        var workspace = await Admin.CreateWorkspaceAsync(credits: 10);
        var botId = await CreateBotAsync(workspaceId: workspace);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.Empty(events.OfType<ContentEvent>());
        Assert.Single(_vendor.Requests);
        Assert.Equal(10m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task A_refused_key_is_not_retried()
    {
        _vendor.Enqueue(VendorReply.Failure(401, "invalid_api_key"));
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.Single(_vendor.Requests);
    }

    [Fact]
    public async Task A_failure_after_the_answer_started_ends_the_stream_stores_it_interrupted_and_refunds()
    {
        _vendor.Enqueue(new VendorReply { Pieces = ["Refunds ", "take ", "five ", "days."], DropAfter = 2 });
        var workspace = await Admin.CreateWorkspaceAsync(credits: 10);
        var botId = await CreateBotAsync(workspaceId: workspace);

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Refunds take ", events.Text());
        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(events[^1]).Error);
        Assert.Single(_vendor.Requests);
        Assert.Equal(10m, await CreditsAsync(workspace));
        var conversations = await Admin.GetAsync($"/v1/bots/{botId}/conversations");
        var conversation = await Admin.GetAsync($"/v1/conversations/{conversations[0].GetProperty("id").GetString()}");
        var answer = conversation.GetProperty("messages")[1];
        Assert.True(answer.GetProperty("interrupted").GetBoolean());
        Assert.Equal("Refunds take ", answer.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_visitor_who_leaves_hangs_up_on_the_provider_too()
    {
        _vendor.Enqueue(new VendorReply { Pieces = Enumerable.Range(0, 200).Select(i => $"word{i} ").ToArray(), Pace = TimeSpan.FromMilliseconds(30) });
        var botId = await CreateBotAsync();

        var received = 0;
        await foreach (var e in App.PublicChat().StreamAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession())))
        {
            if (e is ContentEvent && ++received == 3)
                break;
        }

        await _vendor.CallerLeft.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(_vendor.FramesSent < 100, $"The provider kept streaming: {_vendor.FramesSent} frames.");
    }

    [Fact]
    public async Task The_usage_the_provider_reports_is_recorded_on_the_answer()
    {
        _vendor.Enqueue(new VendorReply { Pieces = ["Five business days [1]."], InputTokens = 812, OutputTokens = 9 });
        var botId = await CreateBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var done = Assert.IsType<DoneEvent>(events[^1]);
        var conversation = await Admin.GetAsync($"/v1/conversations/{done.ConversationId}");
        var usage = conversation.GetProperty("messages")[1].GetProperty("usage");
        Assert.Equal(812, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(9, usage.GetProperty("output_tokens").GetInt32());
        Assert.False(conversation.GetProperty("messages")[0].TryGetProperty("usage", out _));
    }

    private Task<string> CreateBotAsync(object? extra = null, string? workspaceId = null)
    {
        var settings = JsonSerializer.SerializeToNode(extra ?? new { }, AdminApi.Json)!.AsObject();
        settings["model"] = JsonSerializer.SerializeToNode(new
        {
            provider = "openai", base_url = _vendor.BaseUrl, api_key = Key, model = "gpt-4o-mini", temperature = 0.2, max_tokens = 300,
        });
        return Admin.CreateKnowledgeableBotAsync(settings, workspaceId);
    }

    private async Task<decimal> CreditsAsync(string workspaceId) =>
        (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();

    /// <summary>Newer SDKs send <c>max_completion_tokens</c>, older OpenAI-compatible servers read <c>max_tokens</c>.</summary>
    private static int MaxTokens(JsonElement body) =>
        (body.TryGetProperty("max_completion_tokens", out var limit) ? limit : body.GetProperty("max_tokens")).GetInt32();

    internal static string Text(JsonElement message) => message.GetProperty("content") switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        var parts => string.Concat(parts.EnumerateArray().Select(p => p.GetProperty("text").GetString())),
    };
}
