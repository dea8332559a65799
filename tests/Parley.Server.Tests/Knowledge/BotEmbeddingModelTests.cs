using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// A bot may choose its own embedding model. Changing it re-embeds that bot's knowledge, and only that bot's;
/// its endpoint's key is stored encrypted and never shown again.
/// </summary>
public class BotEmbeddingModelTests : ParleyTest
{
    private const string BotKey = "sk-bot-own-key-4f1d2c";

    private FakeOpenAIEmbeddings _endpoint = null!;

    public override async Task InitializeAsync()
    {
        _endpoint = await FakeOpenAIEmbeddings.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    // Words only by default, so every vector in these tests comes from the bot's own model; the fake endpoint is
    // on loopback, which bots' endpoints may reach only when the operator allows it.
    protected override void Configure(ParleyApp app) => app
        .With("Parley:Embeddings:Provider", "none")
        .With("Parley:Embeddings:AllowPrivateNetworks", "true");

    private object OwnModel(string? apiKey = BotKey) =>
        new { embedding = new { provider = "openai", base_url = _endpoint.BaseUrl, model = "text-embedding-3-small", api_key = apiKey } };

    [Fact]
    public async Task Choosing_a_model_re_embeds_that_bots_knowledge_with_it_and_its_questions_are_embedded_by_it_too()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var otherId = await Admin.CreateKnowledgeableBotAsync();
        var before = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
        var chunks = before.GetProperty("chunks").GetInt32();
        Assert.True(chunks > 0);
        Assert.Equal(0, before.GetProperty("embedded_chunks").GetInt32());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("embedding_model").ValueKind);

        var updated = await Admin.PatchAsync($"/v1/bots/{botId}", OwnModel());

        var embedding = updated.GetProperty("embedding");
        Assert.Equal("openai", embedding.GetProperty("provider").GetString());
        Assert.Equal("text-embedding-3-small", embedding.GetProperty("model").GetString());
        Assert.True(embedding.GetProperty("api_key_set").GetBoolean());
        Assert.DoesNotContain(BotKey, updated.GetRawText(), StringComparison.Ordinal);

        var after = await WaitForEmbeddedAsync(botId, chunks);
        Assert.StartsWith("openai/text-embedding-3-small@", after.GetProperty("embedding_model").GetString(), StringComparison.Ordinal);
        Assert.Equal(chunks, _endpoint.Requests.Sum(r => r.Inputs));
        Assert.All(_endpoint.Requests, r => Assert.Equal($"Bearer {BotKey}", r.Authorization));

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take to arrive?", ChatStreams.NewSession()));
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
        var afterQuestion = _endpoint.Requests.Sum(r => r.Inputs);
        Assert.True(afterQuestion > chunks, "The question was not embedded by the bot's model.");
        Assert.All(_endpoint.Requests, r => Assert.Equal($"Bearer {BotKey}", r.Authorization));
        // The question is marked as a search query for the local models; the marker stays in the process.
        Assert.All(_endpoint.Fields, f => Assert.Contains(f, (string[])["input", "model", "encoding_format", "dimensions", "user"]));

        // The other bot kept the deployment's default: nothing of it went to this bot's endpoint.
        await App.PublicChat().AskAsync(new ChatRequest(otherId, "How long do refunds take to arrive?", ChatStreams.NewSession()));
        Assert.Equal(afterQuestion, _endpoint.Requests.Sum(r => r.Inputs));
        Assert.Equal(0, (await Admin.GetAsync($"/v1/bots/{otherId}/knowledge")).GetProperty("embedded_chunks").GetInt32());
    }

    [Fact]
    public async Task Knowledge_added_after_the_change_is_embedded_by_the_bots_model_as_it_is_stored()
    {
        var botId = await Admin.CreateBotAsync(OwnModel());

        await Admin.AddTextAsync(botId, SampleKnowledge.Refunds.Title, SampleKnowledge.Refunds.Text, SampleKnowledge.Refunds.Url);

        var status = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
        Assert.True(status.GetProperty("chunks").GetInt32() > 0);
        Assert.Equal(status.GetProperty("chunks").GetInt32(), status.GetProperty("embedded_chunks").GetInt32());
    }

    [Fact]
    public async Task A_bot_may_choose_the_offline_model_while_the_deployment_searches_by_words()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { embedding = new { provider = "local" } });

        var status = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");

        Assert.Equal("local/all-MiniLM-L6-v2", status.GetProperty("embedding_model").GetString());
        Assert.Equal(status.GetProperty("chunks").GetInt32(), status.GetProperty("embedded_chunks").GetInt32());
        Assert.Empty(_endpoint.Requests);
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "When will my money come back?", ChatStreams.NewSession()));
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
    }

    [Fact]
    public async Task Going_back_to_the_deployment_default_drops_the_bots_vectors_from_search()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(OwnModel());
        Assert.True((await Admin.GetAsync($"/v1/bots/{botId}/knowledge")).GetProperty("embedded_chunks").GetInt32() > 0);

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { embedding = (object?)null });

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("embedding").ValueKind);
        Assert.Equal(0, (await Admin.GetAsync($"/v1/bots/{botId}/knowledge")).GetProperty("embedded_chunks").GetInt32());
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take to arrive?", ChatStreams.NewSession()));
        Assert.True(answer.Citations!.Count > 0, answer.Text);
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
    }

    [Fact]
    public async Task The_stored_key_is_kept_for_the_same_endpoint_and_never_follows_the_setting_to_another_host()
    {
        var botId = await Admin.CreateBotAsync(OwnModel());

        var sameHost = await Admin.PatchAsync($"/v1/bots/{botId}",
            new { embedding = new { provider = "openai", base_url = _endpoint.BaseUrl, model = "text-embedding-3-large" } });
        Assert.True(sameHost.GetProperty("embedding").GetProperty("api_key_set").GetBoolean());

        var otherHost = await Admin.PatchAsync($"/v1/bots/{botId}",
            new { embedding = new { provider = "openai", base_url = "https://embeddings.example.net/v1", model = "text-embedding-3-large" } });
        Assert.False(otherHost.GetProperty("embedding").GetProperty("api_key_set").GetBoolean());
    }

    [Fact]
    public async Task The_key_is_encrypted_at_rest()
    {
        await Admin.CreateKnowledgeableBotAsync(OwnModel());

        // The endpoint, stored beside the key, proves the scan sees the stored settings wherever the backend keeps them.
        Assert.NotEmpty(await StoredData.PlacesHoldingAsync(App, _endpoint.BaseUrl));
        Assert.Empty(await StoredData.PlacesHoldingAsync(App, BotKey));
    }

    [Theory]
    [InlineData("""{"embedding": {"provider": "word2vec"}}""", "embedding.provider")]
    [InlineData("""{"embedding": {}}""", "embedding.provider")]
    [InlineData("""{"embedding": {"provider": "openai", "model": "m"}}""", "embedding.base_url")]
    [InlineData("""{"embedding": {"provider": "openai", "base_url": "ftp://example.com/v1", "model": "m"}}""", "embedding.base_url")]
    [InlineData("""{"embedding": {"provider": "openai", "base_url": "https://example.com/v1"}}""", "embedding.model")]
    [InlineData("""{"embedding": {"provider": "local", "model": "bge-small"}}""", "embedding.model")]
    [InlineData("""{"embedding": {"provider": "openai", "base_url": "https://example.com/v1", "model": "m", "dims": 3}}""", "embedding.dims")]
    [InlineData("""{"embedding": {"provider": "openai", "base_url": "https://example.com/v1", "model": "m", "api_key_set": true}}""", "embedding.api_key_set")]
    [InlineData("""{"embedding": "local"}""", "embedding")]
    public async Task A_bad_embedding_setting_is_refused_naming_the_field(string body, string field)
    {
        var botId = await Admin.CreateBotAsync();

        var reply = await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", body);

        reply.AssertInvalid(field);
    }

    private async Task<JsonElement> WaitForEmbeddedAsync(string botId, int chunks)
    {
        JsonElement status = default;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            status = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
            if (status.GetProperty("embedded_chunks").GetInt32() == chunks)
                return status;
            await Task.Delay(50);
        }

        Assert.Fail($"Only {status.GetProperty("embedded_chunks")} of {chunks} chunks were re-embedded.");
        return status;
    }
}
