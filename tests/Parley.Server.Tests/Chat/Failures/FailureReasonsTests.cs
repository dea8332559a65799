using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.Failures;

/// <summary>
/// Why an answer failed reaches the bot's owner, never a visitor. The public stream ends with the documented
/// <c>service_unavailable</c> event, byte for byte, whatever went wrong; the authenticated stream adds <c>reason</c> and
/// <c>detail</c> for out of credits, a refused key, an unreachable provider and an unknown model; the conversation
/// log keeps the reason of a failed answer. Providers are local servers speaking OpenAI's and Anthropic's wire formats.
/// </summary>
public class FailureReasonsTests : ParleyTest
{
    /// <summary>The whole error event the public stream sends, as docs/chat-api.md documents it.</summary>
    private const string PublicError = """data: {"type":"error","error":"service_unavailable","message":"Service temporarily unavailable. Please try again later."}""";

    private const string Question = "How long do refunds take?";

    private FakeOpenAIChat _openai = null!;
    private FakeAnthropic _anthropic = null!;

    public override async Task InitializeAsync()
    {
        _openai = await FakeOpenAIChat.StartAsync();
        _anthropic = await FakeAnthropic.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _openai.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    // The fake vendors listen on loopback, which a bot's own endpoint may reach only when allowed.
    protected override void Configure(ParleyApp app) => app.With("Parley:Model:RetryDelayMs", "20").With("Parley:Model:AllowPrivateNetworks", "true")
        .With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task Out_of_credits_the_public_stream_says_only_service_unavailable_and_the_owner_is_told_the_balance()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 0);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);

        Assert.Equal([PublicError], await PublicStreamAsync(botId));
        var owner = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(owner, "credits_exhausted", "Out of credits: workspace 'Acme' has 0 credits left, and an answer reserves up to 1.");
        Assert.Empty(await ConversationsAsync(botId));
    }

    [Fact]
    public async Task A_refused_key_is_named_to_the_owner_with_the_status_and_the_endpoint_but_not_to_visitors()
    {
        var refusal = VendorReply.Failure(401, "invalid_api_key", message: "Incorrect API key provided: sk-test***5b. You can find your API key at https://platform.openai.com/account/api-keys.");
        _openai.Enqueue(refusal, refusal);
        var botId = await CreateOpenAIBotAsync("gpt-4o-mini");

        AssertPublicFailure(await PublicStreamAsync(botId));
        var owner = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(owner, "provider_key_refused",
            $"The model provider refused the API key (401 from {_openai.BaseUrl}): Incorrect API key provided: sk-test***5b. You can find your API key at https://platform.openai.com/account/api-keys.");
        Assert.Equal(2, _openai.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_provider_is_named_with_its_address()
    {
        var closed = ClosedPort();
        var botId = await Admin.CreateKnowledgeableBotAsync(new
        {
            model = new { provider = "openai", base_url = $"http://127.0.0.1:{closed}/v1", api_key = "sk-local", model = "llama3.1:8b" },
        });

        AssertPublicFailure(await PublicStreamAsync(botId));
        var owner = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(owner, "provider_unreachable",
            $"Could not reach the model provider at http://127.0.0.1:{closed}/v1: nothing accepts connections there (connection refused).");
    }

    [Fact]
    public async Task An_unknown_model_is_named_with_the_providers_words()
    {
        var unknown = VendorReply.Failure(404, "model_not_found", message: "The model `gpt-4x` does not exist or you do not have access to it.");
        _openai.Enqueue(unknown, unknown);
        var botId = await CreateOpenAIBotAsync("gpt-4x");

        AssertPublicFailure(await PublicStreamAsync(botId));
        var owner = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(owner, "model_unknown",
            $"The provider does not know the model 'gpt-4x' (404 from {_openai.BaseUrl}): The model `gpt-4x` does not exist or you do not have access to it.");
    }

    [Fact]
    public async Task Anthropics_refused_key_and_unknown_model_are_told_apart_too()
    {
        _anthropic.Enqueue(
            VendorReply.Failure(401, "authentication_error", message: "invalid x-api-key"),
            VendorReply.Failure(404, "not_found_error", message: "model: claude-sonnet-9"));
        var botId = await Admin.CreateKnowledgeableBotAsync(new
        {
            model = new { provider = "anthropic", base_url = _anthropic.Root, api_key = "sk-ant-test", model = "claude-sonnet-9" },
        });

        var refused = await OwnerStreamAsync(Admin.Http, botId);
        var unknown = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(refused, "provider_key_refused", $"The model provider refused the API key (401 from {_anthropic.Root}): invalid x-api-key.");
        AssertOwnerError(unknown, "model_unknown", $"The provider does not know the model 'claude-sonnet-9' (404 from {_anthropic.Root}): model: claude-sonnet-9.");
    }

    [Fact]
    public async Task A_base_url_without_v1_is_a_provider_error_that_says_where_the_base_url_usually_ends()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new
        {
            model = new { provider = "openai", base_url = _openai.Root, api_key = "sk-test", model = "gpt-4o-mini" },
        });

        var owner = await OwnerStreamAsync(Admin.Http, botId);

        AssertOwnerError(owner, "provider_error",
            $"The model provider failed (404 from {_openai.Root}): nothing answers at this address; an OpenAI-compatible base URL usually ends in /v1.");
    }

    [Fact]
    public async Task A_private_address_the_server_does_not_allow_is_named_with_the_setting_that_allows_it()
    {
        await using var strict = await StartAppAsync(app => app.With("Parley:Model:RetryDelayMs", "20").With("Parley:Embeddings:Provider", "none"));
        using var admin = strict.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new
        {
            model = new { provider = "openai", base_url = _openai.BaseUrl, api_key = "sk-test", model = "gpt-4o-mini" },
        });

        var owner = await OwnerStreamAsync(admin.Http, botId);

        AssertOwnerError(owner, "provider_unreachable",
            $"Could not reach the model provider at {_openai.BaseUrl}: its address is loopback or private, which a bot's own model may call only when the server allows it (Parley:Model:AllowPrivateNetworks).");
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task A_workspace_key_hears_why_the_servers_model_failed_but_not_its_address_the_admin_key_does()
    {
        var refusal = VendorReply.Failure(401, "invalid_api_key", message: "Incorrect API key provided: sk-depl***9z.");
        _openai.Enqueue(refusal, refusal);
        await using var app = await StartAppAsync(a => a
            .With("Parley:Model:Provider", "openai").With("Parley:Model:BaseUrl", _openai.BaseUrl)
            .With("Parley:Model:Model", "gpt-4o-mini").With("Parley:Model:ApiKey", "sk-deployment").With("Parley:Model:RetryDelayMs", "20")
            .With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var workspace = await admin.CreateWorkspaceAsync();
        var botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspace);
        using var tenant = app.NewHttpClient(await admin.CreateWorkspaceKeyAsync(workspace));

        var told = await OwnerStreamAsync(tenant, botId);
        var toldAdmin = await OwnerStreamAsync(admin.Http, botId);

        const string ToTenant = "The server's model provider refused the server's API key (401). This bot uses the server's model; " +
            "the server's administrator can fix its settings, or give the bot a model of its own.";
        AssertOwnerError(told, "provider_key_refused", ToTenant);
        Assert.DoesNotContain(_openai.Root, told[0], StringComparison.Ordinal);
        AssertOwnerError(toldAdmin, "provider_key_refused",
            $"The model provider refused the API key (401 from {_openai.BaseUrl}): Incorrect API key provided: sk-depl***9z.");

        // The conversation log keeps the reason, and tells each key what it told it on the stream.
        var conversation = (await admin.GetAsync($"/v1/bots/{botId}/conversations"))[0].GetProperty("id").GetString();
        var failure = (await admin.GetAsync($"/v1/conversations/{conversation}")).GetProperty("messages")[1].GetProperty("failure");
        Assert.Equal("provider_key_refused", failure.GetProperty("reason").GetString());
        Assert.StartsWith($"The model provider refused the API key (401 from {_openai.BaseUrl})", failure.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var reply = await tenant.GetReplyAsync($"/v1/conversations/{conversation}");
        Assert.Equal(ToTenant, reply.AssertStatus(HttpStatusCode.OK).Json.GetProperty("messages")[1].GetProperty("failure").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_answer_that_failed_for_a_visitor_keeps_its_reason_in_the_conversation_log()
    {
        var unknown = VendorReply.Failure(404, "model_not_found", message: "The model `gpt-4x` does not exist or you do not have access to it.");
        _openai.Enqueue(unknown);
        var botId = await CreateOpenAIBotAsync("gpt-4x");

        AssertPublicFailure(await PublicStreamAsync(botId));

        var conversation = (await ConversationsAsync(botId))[0].GetProperty("id").GetString();
        var messages = (await Admin.GetAsync($"/v1/conversations/{conversation}")).GetProperty("messages");
        var answer = messages[1];
        Assert.True(answer.GetProperty("interrupted").GetBoolean());
        Assert.Equal("model_unknown", answer.GetProperty("failure").GetProperty("reason").GetString());
        Assert.Equal($"The provider does not know the model 'gpt-4x' (404 from {_openai.BaseUrl}): The model `gpt-4x` does not exist or you do not have access to it.",
            answer.GetProperty("failure").GetProperty("detail").GetString());
        Assert.False(messages[0].TryGetProperty("failure", out _), "a question has no failure");
    }

    [Fact]
    public async Task The_sdk_reads_the_reason_with_a_key_and_none_without()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 0);
        var botId = await Admin.CreateKnowledgeableBotAsync(workspaceId: workspace);
        var request = new ChatRequest(botId, Question, ChatStreams.NewSession());

        var owner = await Assert.ThrowsAsync<ParleyStreamException>(() => new ParleyChatClient(App.NewHttpClient(), ParleyApp.AdminKey).AskAsync(request));
        var visitor = Assert.IsType<ErrorEvent>(Assert.Single(await App.PublicChat().CollectAsync(request)));

        Assert.Equal(("service_unavailable", "credits_exhausted"), (owner.Error, owner.Reason));
        Assert.StartsWith("Out of credits: workspace 'Acme' has 0 credits left", owner.Detail, StringComparison.Ordinal);
        Assert.Equal(("service_unavailable", null, null), (visitor.Error, visitor.Reason, visitor.Detail));
    }

    [Fact]
    public async Task A_delivered_answer_has_no_failure_and_its_error_free_stream_has_no_reason()
    {
        _openai.Enqueue(VendorReply.Text("Five business days [1]."));
        var botId = await CreateOpenAIBotAsync("gpt-4o-mini");

        var owner = await OwnerStreamAsync(Admin.Http, botId);

        Assert.Contains("\"type\":\"done\"", owner[^1], StringComparison.Ordinal);
        var conversation = (await ConversationsAsync(botId))[0].GetProperty("id").GetString();
        var answer = (await Admin.GetAsync($"/v1/conversations/{conversation}")).GetProperty("messages")[1];
        Assert.False(answer.TryGetProperty("failure", out _));
    }

    private Task<string> CreateOpenAIBotAsync(string model) =>
        Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "openai", base_url = _openai.BaseUrl, api_key = "sk-test-7f3a9c1e5b", model } });

    private async Task<List<JsonElement>> ConversationsAsync(string botId) =>
        (await Admin.GetAsync($"/v1/bots/{botId}/conversations")).EnumerateArray().ToList();

    /// <summary>The <c>data:</c> lines of a public stream, every one.</summary>
    private async Task<List<string>> PublicStreamAsync(string botId)
    {
        using var anonymous = App.NewHttpClient();
        return await StreamAsync(anonymous, "/v1/public/chat/stream", botId);
    }

    private static Task<List<string>> OwnerStreamAsync(HttpClient keyed, string botId) => StreamAsync(keyed, "/v1/chat/stream", botId);

    private static async Task<List<string>> StreamAsync(HttpClient http, string path, string botId)
    {
        var body = JsonSerializer.Serialize(new { bot_id = botId, session_id = ChatStreams.NewSession(), message = Question });
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A provider failure on the public stream: the two stages, then the documented error and nothing else.</summary>
    private static void AssertPublicFailure(List<string> events) =>
        Assert.Equal(
            ["""data: {"type":"status","stage":"retrieving"}""", """data: {"type":"status","stage":"generating"}""", PublicError],
            events);

    /// <summary>The owner's stream ends with the visitor's error plus why: one error, the last event.</summary>
    private static void AssertOwnerError(List<string> events, string reason, string detail)
    {
        var error = JsonDocument.Parse(events[^1]["data: ".Length..]).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("service_unavailable", error.GetProperty("error").GetString());
        Assert.Equal("Service temporarily unavailable. Please try again later.", error.GetProperty("message").GetString());
        Assert.Equal(reason, error.GetProperty("reason").GetString());
        Assert.Equal(detail, error.GetProperty("detail").GetString());
        Assert.Single(events, e => e.Contains("\"type\":\"error\"", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
