using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>When the embedding model changes, the knowledge indexed with the old one is embedded again.</summary>
public class ReembeddingTests : BackendTest, IAsyncLifetime
{
    private LastingStorage _storage = null!;
    private FakeOpenAIEmbeddings _endpoint = null!;

    public async Task InitializeAsync()
    {
        _storage = await LastingStorage.CreateAsync(Backend);
        _endpoint = await FakeOpenAIEmbeddings.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Switching_the_embedding_model_re_embeds_existing_knowledge_in_the_background()
    {
        string botId;
        int chunks;
        await using (var before = await StartAppAsync(app => _storage.Use(app).With("Parley:Embeddings:Provider", "none")))
        {
            using var admin = before.Admin();
            botId = await admin.CreateKnowledgeableBotAsync();
            var sources = await admin.GetAsync($"/v1/bots/{botId}/sources");
            chunks = sources.EnumerateArray().Sum(s => s.GetProperty("chunks").GetInt32());
        }

        Assert.Empty(_endpoint.Requests);
        await using var after = await StartAppAsync(app => _storage.Use(app)
            .With("Parley:Embeddings:Provider", "openai")
            .With("Parley:Embeddings:BaseUrl", _endpoint.BaseUrl)
            .With("Parley:Embeddings:Model", "text-embedding-3-small"));

        for (var attempt = 0; attempt < 200 && _endpoint.Requests.Sum(r => r.Inputs) < chunks; attempt++)
            await Task.Delay(50);
        Assert.Equal(chunks, _endpoint.Requests.Sum(r => r.Inputs));

        // The re-embedded vectors are stored a moment after the endpoint answered: wait until search holds them.
        using var afterAdmin = after.Admin();
        for (var attempt = 0; attempt < 200 && (await afterAdmin.GetAsync($"/v1/bots/{botId}/knowledge")).GetProperty("embedded_chunks").GetInt32() < chunks; attempt++)
            await Task.Delay(50);

        // Questions are now embedded by the new model too, and searched against the re-embedded chunks.
        var sent = _endpoint.Requests.Count;
        var answer = await after.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take to arrive?", ChatStreams.NewSession()));
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
        // The question went to the new model (the offline generator may also send it the sentences it weighs).
        Assert.Contains(_endpoint.Requests.Skip(sent), r => r.Inputs == 1);
    }
}
