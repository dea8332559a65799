using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local.Tests;

[Collection(ArcticXsCollection.Name)]
public sealed class ArcticXsEmbeddingGeneratorTests(ArcticXsFixture model)
{
    [Fact]
    public async Task GenerateAsync_Sentences_Return384DimensionalUnitVectorsNamedByTheModel()
    {
        var embeddings = await model.Generator.GenerateAsync(["How do I get a refund?", "Shipping times to Norway", ""]);

        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1, Vectors.Norm(e.Vector.Span), 4);
            Assert.Equal(ArcticXsEmbeddingGenerator.ModelId, e.ModelId);
        });
    }

    [Fact]
    public async Task GenerateAsync_MarkedAsQuery_EmbedsTheTextWithTheQueryPrefix()
    {
        const string question = "How long do refunds take to arrive?";

        var asQuery = await model.Generator.GenerateVectorAsync(question, QueryMarker.Mark());
        var prefixedByHand = await model.Generator.GenerateVectorAsync(ArcticXsEmbeddingGenerator.QueryPrefix + question);
        var asDocument = await model.Generator.GenerateVectorAsync(question);

        Assert.True(Vectors.MaxAbsDifference(prefixedByHand.Span, asQuery.Span) < 1e-5);
        Assert.True(Vectors.Cosine(asDocument.Span, asQuery.Span) < 0.99, "A query and a document were embedded alike.");
    }

    [Fact]
    public async Task GenerateAsync_QueryMarker_LeavesTheCallersTextsAndOptionsAlone()
    {
        string[] texts = ["refunds"];
        var options = new EmbeddingGenerationOptions();

        await model.Generator.GenerateAsync(texts, QueryMarker.Mark(options));

        Assert.Equal("refunds", texts[0]);
        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public async Task GenerateAsync_RefundQuestion_IsCloserToRefundPolicyThanToShipping()
    {
        var question = await model.Generator.GenerateVectorAsync("When will my money come back?", QueryMarker.Mark());
        var passages = await model.Generator.GenerateAsync(
            ["Refund policy\nRefunds reach your account within 5 business days of the return.", "Shipping\nParcels to Norway take 3 to 6 days."]);

        Assert.True(Vectors.Cosine(question.Span, passages[0].Vector.Span) > Vectors.Cosine(question.Span, passages[1].Vector.Span));
    }

    [Fact]
    public async Task GenerateAsync_MixedLengthsAcrossBatches_MatchOneByOne()
    {
        using var small = new ArcticXsEmbeddingGenerator(new LocalEmbeddingsOptions { BatchSize = 2, IntraOpThreads = 1 });
        string[] texts = ["a", MiniLmEmbeddingGeneratorTests.Paragraph(3), "Shipping times to Norway", MiniLmEmbeddingGeneratorTests.Paragraph(1), "refunds"];

        var together = await small.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
            Assert.True(Vectors.MaxAbsDifference((await small.GenerateVectorAsync(texts[i])).Span, together[i].Vector.Span) < 1e-4, texts[i]);
    }

    [Fact]
    public void GetService_Metadata_NamesTheModelAndItsDimensions()
    {
        var metadata = model.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(ArcticXsEmbeddingGenerator.ModelId, metadata!.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }

    [Fact]
    public void Vocabulary_IsMiniLmsOwn_SoOneTokenCounterServesBothModels()
    {
        using var arctic = ModelResources.ArcticXs.OpenVocabulary();
        using var miniLm = ModelResources.MiniLm.OpenVocabulary();

        Assert.Equal(miniLm.ReadToEnd(), arctic.ReadToEnd());
    }
}
