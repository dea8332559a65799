using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

/// <summary>
/// <c>POST /v1/bots/{id}/model/test</c> makes one tiny call to the bot's model, against local servers speaking
/// OpenAI's and Anthropic's real wire formats, and says exactly what failed: the key, the model, the address, the time.
/// </summary>
public class ModelTestApiTests : ParleyTest
{
    private const string Key = "sk-owner-test-key-1b7c40";

    private FakeOpenAIChat _openAI = null!;
    private FakeAnthropic _anthropic = null!;

    public override async Task InitializeAsync()
    {
        _openAI = await FakeOpenAIChat.StartAsync();
        _anthropic = await FakeAnthropic.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _openAI.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    // The fakes listen on loopback, which a bot's own endpoint may reach only when allowed. A chat call would wait
    // 120 s by default; the test waits at most 15 s, here 2 s, so that the timeout test is quick.
    protected override void Configure(ParleyApp app) => app
        .With("Parley:Model:AllowPrivateNetworks", "true")
        .With("Parley:Model:TimeoutSeconds", "2");

    [Fact]
    public async Task The_saved_model_answers_one_tiny_call_with_its_stored_key()
    {
        var botId = await OpenAIBotAsync();

        var result = await TestAsync(botId);

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("openai", result.GetProperty("provider").GetString());
        Assert.Equal("gpt-test-mini", result.GetProperty("model").GetString());
        Assert.Equal(_openAI.BaseUrl, result.GetProperty("base_url").GetString());
        Assert.InRange(result.GetProperty("latency_ms").GetInt64(), 0, 15_000);
        Assert.Contains("gpt-test-mini", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(result.TryGetProperty("reason", out _));
        var request = Assert.Single(_openAI.Requests);
        Assert.Equal($"Bearer {Key}", request.Header("authorization"));
        Assert.Equal("gpt-test-mini", request.Body.GetProperty("model").GetString());
        Assert.InRange(OutputLimit(request.Body), 1, 5);
    }

    [Fact]
    public async Task Settings_can_be_tested_before_they_are_saved_and_nothing_is_saved()
    {
        var botId = await Admin.CreateBotAsync();

        var result = await TestAsync(botId, new { model = new { provider = "anthropic", base_url = _anthropic.Root, api_key = Key, model = "claude-test-1" } });

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("anthropic", result.GetProperty("provider").GetString());
        var request = Assert.Single(_anthropic.Requests);
        Assert.True(request.Header("x-api-key") == Key || request.Header("authorization") == $"Bearer {Key}", "the key typed in the form should be tried");
        Assert.InRange(request.Body.GetProperty("max_tokens").GetInt32(), 1, 5);
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task A_refused_key_is_reported_as_unauthorized_with_the_status()
    {
        var botId = await OpenAIBotAsync();
        _openAI.Enqueue(VendorReply.Failure(401, "invalid_api_key"));

        var result = await TestAsync(botId);

        AssertFailed(result, "unauthorized", 401);
        Assert.Contains(_openAI.BaseUrl, result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("refused the API key", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(_openAI.Requests);
    }

    [Fact]
    public async Task An_unknown_model_is_reported_by_name_with_what_the_provider_said()
    {
        var botId = await OpenAIBotAsync();
        _openAI.Enqueue(VendorReply.Failure(404, "model_not_found"));

        var result = await TestAsync(botId, new { model = new { model = "gpt-does-not-exist" } });

        AssertFailed(result, "model_not_found", 404);
        var message = result.GetProperty("message").GetString()!;
        Assert.Contains("\"gpt-does-not-exist\"", message, StringComparison.Ordinal);
        Assert.Contains("Simulated failure: model_not_found", message, StringComparison.Ordinal);
        // Same provider and address: the stored key is tried with the new model name.
        Assert.Equal($"Bearer {Key}", Assert.Single(_openAI.Requests).Header("authorization"));
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_unreachable()
    {
        var botId = await Admin.CreateBotAsync();
        var closed = ClosedPort();

        var result = await TestAsync(botId, new { model = new { provider = "openai", base_url = $"http://127.0.0.1:{closed}/v1", model = "m" } });

        AssertFailed(result, "unreachable", null);
        Assert.Equal($"Could not connect to 127.0.0.1:{closed}: nothing is listening at that port.", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_is_reported_as_a_timeout()
    {
        var botId = await OpenAIBotAsync();
        _openAI.Enqueue(VendorReply.Text("O", "K") with { Pace = TimeSpan.FromSeconds(30) });

        var started = DateTimeOffset.UtcNow;
        var result = await TestAsync(botId);

        AssertFailed(result, "timeout", null);
        Assert.Contains("did not answer within 2 seconds", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10), "the test should give up after its timeout");
    }

    [Fact]
    public async Task A_base_url_without_v1_is_reported_as_not_found_with_the_likely_fix()
    {
        var botId = await Admin.CreateBotAsync();

        var result = await TestAsync(botId, new { model = new { provider = "openai", base_url = _openAI.Root, model = "gpt-test-mini" } });

        AssertFailed(result, "not_found", 404);
        Assert.StartsWith($"Nothing answers at {_openAI.Root} (HTTP 404).", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("usually ends in /v1", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_url_of_a_website_is_reported_as_a_bad_response()
    {
        await using var site = await FakeSite.StartAsync();
        site.Page("/v1/chat/completions", FakeSite.Html("Welcome", "<p>Our shop.</p>"));
        var botId = await Admin.CreateBotAsync();

        var result = await TestAsync(botId, new { model = new { provider = "openai", base_url = site.Url("/v1"), model = "gpt-test-mini" } });

        AssertFailed(result, "bad_response", null);
        Assert.Contains("not as an OpenAI-compatible API does", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_at_its_limit_is_reported_as_rate_limited_and_not_retried()
    {
        var botId = await AnthropicBotAsync();
        _anthropic.Enqueue(VendorReply.Failure(429, "rate_limit_error", retryAfter: "1"));

        var result = await TestAsync(botId);

        AssertFailed(result, "rate_limited", 429);
        Assert.Single(_anthropic.Requests);
    }

    [Fact]
    public async Task The_stored_key_is_never_sent_to_another_address()
    {
        var botId = await OpenAIBotAsync();
        await using var elsewhere = await FakeOpenAIChat.StartAsync();
        elsewhere.Enqueue(VendorReply.Failure(401, "invalid_api_key"));

        var result = await TestAsync(botId, new { model = new { base_url = elsewhere.BaseUrl } });

        AssertFailed(result, "unauthorized", 401);
        Assert.Contains("none is set", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, Assert.Single(elsewhere.Requests).Header("authorization"), StringComparison.Ordinal);
        Assert.Empty(_openAI.Requests);
    }

    [Fact]
    public async Task The_offline_generator_needs_no_connection()
    {
        var botId = await Admin.CreateBotAsync();

        var result = await TestAsync(botId);

        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal("extractive", result.GetProperty("provider").GetString());
        Assert.Contains("needs no connection", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_are_refused_by_field_and_another_workspace_cannot_test()
    {
        var botId = await OpenAIBotAsync();
        var otherKey = await Admin.CreateWorkspaceKeyAsync(await Admin.CreateWorkspaceAsync());
        using var other = App.NewHttpClient(otherKey);

        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/model/test", new { model = new { base_url = "www.example.com" } }))
            .AssertInvalid("model.base_url");
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/model/test", new { provider = "openai" })).AssertInvalid("provider");
        (await other.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/model/test")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        Assert.Empty(_openAI.Requests);
    }

    [Fact]
    public async Task A_bot_model_on_a_private_address_is_refused_unless_the_server_allows_it()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { model = new { provider = "openai", base_url = _openAI.BaseUrl, api_key = Key, model = "m" } });

        var reply = (await admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/model/test")).AssertStatus(HttpStatusCode.OK);

        AssertFailed(reply.Json, "unreachable", null);
        Assert.Contains("Parley__Model__AllowPrivateNetworks=true", reply.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_openAI.Requests);
    }

    private Task<string> OpenAIBotAsync() =>
        Admin.CreateBotAsync(new { model = new { provider = "openai", base_url = _openAI.BaseUrl, api_key = Key, model = "gpt-test-mini" } });

    private Task<string> AnthropicBotAsync() =>
        Admin.CreateBotAsync(new { model = new { provider = "anthropic", base_url = _anthropic.Root, api_key = Key, model = "claude-test-1" } });

    private async Task<JsonElement> TestAsync(string botId, object? body = null) =>
        (await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/model/test", body)).AssertStatus(HttpStatusCode.OK).Json;

    private static void AssertFailed(JsonElement result, string reason, int? status)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(reason, result.GetProperty("reason").GetString());
        Assert.Equal(status, result.TryGetProperty("status", out var s) ? s.GetInt32() : null);
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetString()));
        Assert.DoesNotContain(Key, result.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Newer SDKs send <c>max_completion_tokens</c>, older OpenAI-compatible servers read <c>max_tokens</c>.</summary>
    private static int OutputLimit(JsonElement body) =>
        (body.TryGetProperty("max_completion_tokens", out var limit) ? limit : body.GetProperty("max_tokens")).GetInt32();

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
