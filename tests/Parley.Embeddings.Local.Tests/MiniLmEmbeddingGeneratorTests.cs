using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local.Tests;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture model)
{
    private readonly MiniLmEmbeddingGenerator _generator = model.Generator;

    [Fact]
    public async Task GenerateAsync_Sentences_Return384DimensionalUnitVectors()
    {
        var embeddings = await _generator.GenerateAsync(["How do I get a refund?", "Shipping times to Norway", Paragraph(3)]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(384, embedding.Vector.Length);
            Assert.Equal(1.0, Vectors.Norm(embedding.Vector.Span), 5);
            Assert.Equal("all-MiniLM-L6-v2", embedding.ModelId);
        });
    }

    [Fact]
    public async Task GenerateAsync_MixedLengthsAcrossBatches_MatchOneByOneInInputOrder()
    {
        // 40 values over several batches (32 inputs or 2048 tokens at most), lengths shuffled so the sort reorders them.
        var values = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? Paragraph(1 + i % 7) : $"Question {i}: where is order {i * 37}?").ToArray();

        var batched = await _generator.GenerateAsync(values);

        Assert.Equal(values.Length, batched.Count);
        for (var i = 0; i < values.Length; i++)
        {
            var single = await _generator.GenerateVectorAsync(values[i]);
            Assert.True(Vectors.MaxAbsDifference(single.Span, batched[i].Vector.Span) < 1e-5, $"value {i} differs when batched");
        }
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentCalls_EachGetTheirOwnVectors()
    {
        string[][] calls = [["alpha", Paragraph(2)], ["How do I get a refund?"], [Paragraph(5), "beta", "gamma"], ["Shipping times to Norway"]];
        var expected = new List<GeneratedEmbeddings<Embedding<float>>>();
        foreach (var call in calls)
            expected.Add(await _generator.GenerateAsync(call));

        var actual = await Task.WhenAll(calls.Select(call => _generator.GenerateAsync(call)));

        for (var c = 0; c < calls.Length; c++)
        {
            for (var i = 0; i < calls[c].Length; i++)
                Assert.True(Vectors.MaxAbsDifference(expected[c][i].Vector.Span, actual[c][i].Vector.Span) < 1e-5);
        }
    }

    [Fact]
    public async Task GenerateAsync_RefundQuestion_IsCloserToRefundPolicyThanToShipping()
    {
        var embeddings = await _generator.GenerateAsync(["How do I get a refund?", "Returns and refunds policy", "Shipping times to Norway"]);

        var refundPolicy = Vectors.Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var shipping = Vectors.Cosine(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(refundPolicy > shipping + 0.2, $"refund policy {refundPolicy:F3}, shipping {shipping:F3}");
    }

    [Fact]
    public async Task GenerateAsync_InputLongerThan256Tokens_EmbedsItsFirst256Tokens()
    {
        var longText = Paragraph(30);
        var longerText = longText + " " + string.Join(' ', Enumerable.Repeat("Completely different closing words about penguins.", 100));

        var embeddings = await _generator.GenerateAsync([longText, longerText]);

        Assert.Equal(512, embeddings.Usage?.InputTokenCount);
        Assert.True(Vectors.MaxAbsDifference(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 1e-6);
        Assert.Equal(1.0, Vectors.Norm(embeddings[1].Vector.Span), 5);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens512_EmbedsUpTo512Tokens()
    {
        using var generator = new MiniLmEmbeddingGenerator(new LocalEmbeddingsOptions { MaxTokens = 512 });

        var embeddings = await generator.GenerateAsync([Paragraph(60)]);

        Assert.Equal(512, embeddings.Usage?.InputTokenCount);
        Assert.Equal(1.0, Vectors.Norm(embeddings[0].Vector.Span), 5);
    }

    [Fact]
    public async Task GenerateAsync_EmptyOrBlankString_ReturnsTheSameUnitVector()
    {
        var embeddings = await _generator.GenerateAsync(["", "   ", "How do I get a refund?"]);

        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.Equal(1.0, Vectors.Norm(embeddings[0].Vector.Span), 5);
        Assert.True(Vectors.MaxAbsDifference(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 1e-6);
    }

    [Fact]
    public async Task GenerateAsync_AccentsAndLineBreaks_TokenisedLikeBertUncased()
    {
        // all-MiniLM-L6-v2's tokenizer lower-cases, strips accents and treats any white space as a break.
        var embeddings = await _generator.GenerateAsync(["Café crème\nà la\tfrançaise", "cafe creme a la francaise"]);

        var diff = Vectors.MaxAbsDifference(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        Assert.True(diff < 1e-6, $"diff {diff}");
    }

    [Fact]
    public async Task GenerateAsync_Usage_CountsTokensWithClsAndSep()
    {
        var embeddings = await _generator.GenerateAsync(["How do I get a refund?", ""]);

        Assert.Equal(10 + 2, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_NoValues_ReturnsNoEmbeddings()
    {
        var embeddings = await _generator.GenerateAsync([]);

        Assert.Empty(embeddings);
    }

    [Fact]
    public async Task GenerateAsync_NullValue_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(["fine", null!]));
    }

    [Fact]
    public async Task GenerateAsync_OtherDimensionsRequested_ThrowsNotSupported()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => _generator.GenerateAsync(["fine"], new EmbeddingGenerationOptions { Dimensions = 256 }));
    }

    [Fact]
    public async Task GenerateAsync_AlreadyCancelled_ThrowsWithoutEmbedding()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _generator.GenerateAsync(["How do I get a refund?"], cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileRunning_StopsBeforeTheLastBatch()
    {
        // Batches of one over 3,000 values take many seconds, so the cancellation lands mid-run even when a
        // busy machine delays its timer; the rest is left undone.
        using var generator = new MiniLmEmbeddingGenerator(new LocalEmbeddingsOptions { BatchSize = 1 });
        var values = Enumerable.Range(0, 3000).Select(i => $"Value number {i} of a long ingestion run.").ToArray();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(values, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void GetService_Metadata_NamesTheModelAndItsDimensions()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<MiniLmEmbeddingGenerator>());
    }

    [Theory]
    [InlineData(0, 256, 2048)]
    [InlineData(32, 513, 2048)]
    [InlineData(32, 4, 2048)]
    [InlineData(32, 256, 100)]
    public void Constructor_OptionOutOfRange_ThrowsBeforeLoading(int batchSize, int maxTokens, int maxBatchTokens)
    {
        var options = new LocalEmbeddingsOptions { BatchSize = batchSize, MaxTokens = maxTokens, MaxBatchTokens = maxBatchTokens };

        Assert.Throws<ValidationException>(() => new MiniLmEmbeddingGenerator(options));
    }

    /// <summary>Knowledge-base prose, about 11 words a sentence.</summary>
    internal static string Paragraph(int sentences) => string.Join(' ', Enumerable.Range(0, sentences).Select(i =>
        $"Section {i} explains how the help centre answers customers about orders, refunds and delivery."));
}
