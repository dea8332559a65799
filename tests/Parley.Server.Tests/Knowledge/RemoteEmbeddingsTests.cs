using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>Any OpenAI-compatible embeddings endpoint can stand in for the local model.</summary>
public class RemoteEmbeddingsTests : ParleyTest
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

    protected override void Configure(ParleyApp app) => app
        .With("Parley:Embeddings:Provider", "openai")
        .With("Parley:Embeddings:BaseUrl", _endpoint.BaseUrl)
        .With("Parley:Embeddings:ApiKey", "sk-test-embeddings")
        .With("Parley:Embeddings:Model", "text-embedding-3-small");

    [Fact]
    public async Task Knowledge_and_questions_are_embedded_by_the_configured_endpoint_and_answers_cite_the_right_page()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long do refunds take to arrive?", ChatStreams.NewSession()));

        Assert.Contains("5 business days", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
        Assert.Contains(_endpoint.Requests, r => r.Inputs > 1);
        Assert.Contains(_endpoint.Requests, r => r.Inputs == 1);
        Assert.All(_endpoint.Requests, r =>
        {
            Assert.Equal("Bearer sk-test-embeddings", r.Authorization);
            Assert.Equal("text-embedding-3-small", r.Model);
        });
    }
}
