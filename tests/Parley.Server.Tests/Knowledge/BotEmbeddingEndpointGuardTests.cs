using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// A bot's embedding endpoint is set through the API, by workspace keys too, so by default it may not reach the
/// server's loopback or private network. Knowledge is still taken and searched by its words.
/// </summary>
public class BotEmbeddingEndpointGuardTests : ParleyTest
{
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

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Fact]
    public async Task A_bots_embedding_endpoint_on_loopback_is_never_called_and_its_knowledge_is_kept_for_search_by_words()
    {
        var botId = await Admin.CreateBotAsync(new
        {
            embedding = new { provider = "openai", base_url = _endpoint.BaseUrl, model = "text-embedding-3-small", api_key = "sk-x" },
        });

        await Admin.AddTextAsync(botId, SampleKnowledge.Refunds.Title, SampleKnowledge.Refunds.Text, SampleKnowledge.Refunds.Url);
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Empty(_endpoint.Requests);
        var status = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
        Assert.True(status.GetProperty("chunks").GetInt32() > 0);
        Assert.Equal(0, status.GetProperty("embedded_chunks").GetInt32());
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
    }
}
