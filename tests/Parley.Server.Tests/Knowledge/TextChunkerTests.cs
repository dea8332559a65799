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
}
