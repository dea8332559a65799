using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bots;

/// <summary>
/// The bot's <c>model</c> setting: validated by field, its API key encrypted at rest, never returned and never
/// logged; a bot that sets none answers with the deployment's model (<c>Parley:Model:*</c>).
/// </summary>
public class ModelSettingsTests : ParleyTest
{
    private const string BotKey = "sk-bot-key-5c2e81aa";
    private const string DeploymentKey = "sk-deployment-key-90f1d3";

    private readonly CapturedLogs _logs = new();
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
        .With("Parley:Model:ApiKey", DeploymentKey)
        .With("Parley:Model:Model", "deployment-model")
        .With("Parley:Model:RetryDelayMs", "10")
        .With("Parley:Model:AllowPrivateNetworks", "true")
        .WithServices(services => services.AddSingleton<ILoggerProvider>(_logs));

    [Fact]
    public async Task The_api_key_is_write_only_and_encrypted_at_rest()
    {
        var created = await Admin.PostAsync("/v1/bots", new
        {
            workspace_id = await Admin.CreateWorkspaceAsync(),
            name = "Keyed",
            model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "gpt-4o-mini", temperature = 0.3, max_tokens = 500, context_tokens = 16000 },
        });
        var id = created.GetProperty("id").GetString()!;
        var stored = await Admin.GetAsync($"/v1/bots/{id}");
        var listed = await Admin.GetAsync("/v1/bots");

        foreach (var bot in new[] { created, stored })
        {
            var model = bot.GetProperty("model");
            Assert.Equal("openai", model.GetProperty("provider").GetString());
            Assert.Equal(_vendor.BaseUrl, model.GetProperty("base_url").GetString());
            Assert.Equal("gpt-4o-mini", model.GetProperty("model").GetString());
            Assert.Equal(0.3m, model.GetProperty("temperature").GetDecimal());
            Assert.Equal(500, model.GetProperty("max_tokens").GetInt32());
            Assert.Equal(16000, model.GetProperty("context_tokens").GetInt32());
            Assert.True(model.GetProperty("api_key_set").GetBoolean());
            Assert.False(model.TryGetProperty("api_key", out _));
        }

        Assert.DoesNotContain(BotKey, created.GetRawText() + stored.GetRawText() + listed.GetRawText(), StringComparison.Ordinal);
        await App.PublicChat().CollectAsync(new ChatRequest(id, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Equal($"Bearer {BotKey}", Assert.Single(_vendor.Requests).Header("authorization"));
        await AssertNowhereStoredAsync(BotKey);
    }

    [Fact]
    public async Task Neither_key_appears_in_the_logs_even_when_the_provider_refuses_it()
    {
        _vendor.Enqueue(VendorReply.Failure(401, "invalid_api_key"), VendorReply.Failure(500, "server_error"), VendorReply.Text("Fine [1]."));
        var keyed = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "m" } });
        var plain = await Admin.CreateKnowledgeableBotAsync();

        await App.PublicChat().CollectAsync(new ChatRequest(keyed, "How long do refunds take?", ChatStreams.NewSession()));
        await App.PublicChat().CollectAsync(new ChatRequest(plain, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Contains(_logs.Lines, l => l.Contains("ChatTurnRunner", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(BotKey, StringComparison.Ordinal) || l.Contains(DeploymentKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bot_without_a_model_answers_with_the_deployment_default()
    {
        _vendor.Enqueue(VendorReply.Text("From the deployment's model [1]."));
        var botId = await Admin.CreateKnowledgeableBotAsync();

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("From the deployment's model [1].", events.Text());
        var request = Assert.Single(_vendor.Requests);
        Assert.Equal($"Bearer {DeploymentKey}", request.Header("authorization"));
        Assert.Equal("deployment-model", request.Body.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task The_read_only_generator_says_what_the_bot_answers_with_and_cannot_be_sent_back()
    {
        var deployment = await Admin.CreateBotAsync();
        var own = await Admin.CreateBotAsync(new { model = new { provider = "anthropic", api_key = BotKey, model = "claude-test-1" } });
        var offline = await Admin.CreateBotAsync(new { model = new { provider = "extractive" } });

        Assert.Equal(("openai", "deployment-model"), Generator(await Admin.GetAsync($"/v1/bots/{deployment}")));
        Assert.Equal(("anthropic", "claude-test-1"), Generator(await Admin.GetAsync($"/v1/bots/{own}")));
        Assert.Equal(("extractive", null), Generator(await Admin.GetAsync($"/v1/bots/{offline}")));
        var refused = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{own}", new { generator = new { provider = "openai" } });
        refused.AssertInvalid("generator");
        Assert.Contains("read-only", refused.Json.GetProperty("message").GetString(), StringComparison.Ordinal);

        static (string?, string?) Generator(JsonElement bot) =>
            (bot.GetProperty("generator").GetProperty("provider").GetString(), bot.GetProperty("generator").GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_bot_can_choose_the_offline_extractive_generator_over_the_deployment_model()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "extractive" } });

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Contains("5 business days", answer.Text, StringComparison.Ordinal);
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task A_changed_key_or_model_is_used_from_the_next_message()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "first-model" } });
        await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        await Admin.PatchAsync($"/v1/bots/{botId}", new { model = new { api_key = "sk-rotated", model = "second-model" } });
        await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        var requests = _vendor.Requests.ToList();
        Assert.Equal(("Bearer " + BotKey, "first-model"), (requests[0].Header("authorization"), requests[0].Body.GetProperty("model").GetString()));
        Assert.Equal(("Bearer sk-rotated", "second-model"), (requests[1].Header("authorization"), requests[1].Body.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task Changing_the_provider_or_base_url_without_a_new_key_forgets_the_old_key()
    {
        var botId = await Admin.CreateBotAsync(new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "m" } });

        var sameHost = await Admin.PatchAsync($"/v1/bots/{botId}", new { model = new { model = "other-model", max_tokens = 200 } });
        var otherHost = await Admin.PatchAsync($"/v1/bots/{botId}", new { model = new { base_url = "https://elsewhere.example.com/v1" } });
        var newKey = await Admin.PatchAsync($"/v1/bots/{botId}", new { model = new { api_key = "sk-new" } });
        var cleared = await Admin.PatchAsync($"/v1/bots/{botId}", new { model = (object?)null });

        Assert.True(sameHost.GetProperty("model").GetProperty("api_key_set").GetBoolean());
        Assert.Equal("other-model", sameHost.GetProperty("model").GetProperty("model").GetString());
        Assert.False(otherHost.GetProperty("model").GetProperty("api_key_set").GetBoolean());
        Assert.True(newKey.GetProperty("model").GetProperty("api_key_set").GetBoolean());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("model").ValueKind);
    }

    [Theory]
    [InlineData("""{"provider": "gemini", "model": "x"}""", "model.provider")]
    [InlineData("""{"model": "x"}""", "model.provider")]
    [InlineData("""{"provider": "openai"}""", "model.model")]
    [InlineData("""{"provider": "anthropic", "model": ""}""", "model.model")]
    [InlineData("""{"provider": "openai", "model": "x", "base_url": "not a url"}""", "model.base_url")]
    [InlineData("""{"provider": "openai", "model": "x", "base_url": "ftp://host/v1"}""", "model.base_url")]
    [InlineData("""{"provider": "openai", "model": "x", "temperature": 2.5}""", "model.temperature")]
    [InlineData("""{"provider": "openai", "model": "x", "temperature": "warm"}""", "model.temperature")]
    [InlineData("""{"provider": "openai", "model": "x", "max_tokens": 0}""", "model.max_tokens")]
    [InlineData("""{"provider": "openai", "model": "x", "max_tokens": 1.5}""", "model.max_tokens")]
    [InlineData("""{"provider": "openai", "model": "x", "context_tokens": 100}""", "model.context_tokens")]
    [InlineData("""{"provider": "openai", "model": "x", "max_tokens": 4000, "context_tokens": 4000}""", "model.context_tokens")]
    [InlineData("""{"provider": "openai", "model": "x", "api_key": 42}""", "model.api_key")]
    [InlineData("""{"provider": "openai", "model": "x", "top_p": 1}""", "model.top_p")]
    [InlineData("\"openai\"", "model")]
    public async Task A_bad_model_setting_is_refused_naming_the_field(string model, string field)
    {
        var workspace = await Admin.CreateWorkspaceAsync();

        var reply = await Admin.Http.SendRawAsync(HttpMethod.Post, "/v1/bots", $$"""{"workspace_id": "{{workspace}}", "name": "Bad", "model": {{model}}}""");

        reply.AssertInvalid(field);
    }

    [Fact]
    public async Task A_bad_update_leaves_the_stored_model_as_it_was()
    {
        var botId = await Admin.CreateBotAsync(new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "m" } });

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { model = new { provider = "openai", max_tokens = -1 } });

        reply.AssertInvalid("model.max_tokens");
        var model = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model");
        Assert.Equal("m", model.GetProperty("model").GetString());
        Assert.True(model.GetProperty("api_key_set").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await Admin.Http.GetReplyAsync($"/v1/bots/{botId}")).Status);
    }

    [Fact]
    public async Task Sending_back_the_shown_api_key_set_is_refused_as_read_only_and_leaving_it_out_keeps_the_key()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = BotKey, model = "m" } });
        var shown = (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("model").GetRawText();

        var echoed = await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", $$"""{"welcome_message": "Hi!", "model": {{shown}}}""");
        var misspelt = await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", """{"model": {"api_key_sett": true}}""");
        var withoutIt = await Admin.PatchAsync($"/v1/bots/{botId}", new { welcome_message = "Hi!", model = new { provider = "openai", base_url = _vendor.BaseUrl, model = "m" } });

        echoed.AssertInvalid("model.api_key_set");
        Assert.Contains("read-only", echoed.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        misspelt.AssertInvalid("model.api_key_sett");
        Assert.Equal("'model.api_key_sett' is not a known field.", misspelt.Json.GetProperty("message").GetString());
        Assert.Equal("Hi!", withoutIt.GetProperty("welcome_message").GetString());
        Assert.True(withoutIt.GetProperty("model").GetProperty("api_key_set").GetBoolean());
        Assert.DoesNotContain(BotKey, withoutIt.GetRawText(), StringComparison.Ordinal);
        await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));
        Assert.Equal($"Bearer {BotKey}", Assert.Single(_vendor.Requests).Header("authorization"));
    }

    private async Task AssertNowhereStoredAsync(string secret) =>
        Assert.Empty(await StoredData.PlacesHoldingAsync(App, secret));
}
