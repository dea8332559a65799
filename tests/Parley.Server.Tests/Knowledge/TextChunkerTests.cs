using Parley.Embeddings.Local;
using Parley.Server.Knowledge;

namespace Parley.Server.Tests.Knowledge;

public sealed class TextChunkerTests
{
    private const string Url = "https://shop.example/help#old";

    [Fact]
    public void Split_HeadingWithoutAnchor_CitesItsSlug()
    {
        var chunk = Assert.Single(TextChunker.Split("Help", Url, "## Opening hours!\n\nNine to five."));

        Assert.Equal("Opening hours!", chunk.Heading);
        Assert.Equal("https://shop.example/help#opening-hours", chunk.Url);
    }

    [Fact]
    public void Split_HeadingWithExplicitAnchor_CitesThatAnchorAndDropsItFromTheHeading()
    {
        var chunk = Assert.Single(TextChunker.Split("Help", Url, "## Opening hours {#hours}\n\nNine to five."));

        Assert.Equal("Opening hours", chunk.Heading);
        Assert.Equal("https://shop.example/help#hours", chunk.Url);
        Assert.Equal("Nine to five.", chunk.Text);
    }

    [Fact]
    public void Split_AnchorOfOneSection_DoesNotCarryToTheNext()
    {
        var chunks = TextChunker.Split("Help", Url, "# Returns {#r}\n\nThirty days.\n\n# Refunds\n\nFive days.");

        Assert.Equal(["https://shop.example/help#r", "https://shop.example/help#refunds"], chunks.Select(c => c.Url));
    }

    [Fact]
    public void Split_BracesThatAreNotAnAnchor_StayInTheHeading()
    {
        var chunk = Assert.Single(TextChunker.Split("Help", null, "## Sets {a, b}\n\nText."));

        Assert.Equal("Sets {a, b}", chunk.Heading);
        Assert.Null(chunk.Url);
    }

    [Theory]
    [InlineData("refund")]
    [InlineData("internationalization ConfigureServicesAsync")]
    [InlineData("Übergrößenträger 東京都")]
    public void Split_LongText_KeepsEveryPassageWithinTheModelsTokenBudgetAndLosesNoWord(string words)
    {
        var paragraph = string.Join(' ', Enumerable.Repeat(words, 400));
        var text = $"# Long section\n\n{paragraph}\n\nA closing paragraph.";

        var chunks = TextChunker.Split("Page", "https://example.com/page", text);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(MiniLmTokenCounter.Shared.Count(c.Text), 1, TextChunker.MaxTokens));
        var kept = string.Join(' ', chunks.Select(c => c.Text)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(paragraph.Split(' ').Length + 3, kept.Length);
    }

    [Fact]
    public void Split_ParagraphsFillAPassageUpToTheBudgetAndTheNextRepeatsTheLastShortOne()
    {
        var paragraphs = Enumerable.Range(1, 30).Select(i => $"Paragraph {i} says that parcels ship within {i} working days of the order.").ToList();

        var chunks = TextChunker.Split("Shipping", null, string.Join("\n\n", paragraphs));

        Assert.True(chunks.Count > 1);
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(MiniLmTokenCounter.Shared.Count(c.Text), TextChunker.MaxTokens * 3 / 4, TextChunker.MaxTokens));
        for (var i = 1; i < chunks.Count; i++)
            Assert.Equal(chunks[i - 1].Text.Split("\n\n")[^1], chunks[i].Text.Split("\n\n")[0]);
    }
}
