using Parley.Server.Chat.Generation;

namespace Parley.Server.Tests.Chat.Generation;

public sealed class CitationMarkersTests
{
    [Theory]
    [InlineData(new[] { "See [2] and [1]." }, "See [1] and [2].", new[] { 2, 1 })]
    [InlineData(new[] { "See [", "3", "]." }, "See [1].", new[] { 3 })]
    [InlineData(new[] { "Both [3, 1] agree [1]." }, "Both [1][2] agree [2].", new[] { 3, 1 })]
    [InlineData(new[] { "Unknown [7] dropped." }, "Unknown dropped.", new int[0])]
    [InlineData(new[] { "An array[i] and [x] stay." }, "An array[i] and [x] stay.", new int[0])]
    [InlineData(new[] { "Year [2024] is not a passage." }, "Year [2024] is not a passage.", new int[0])]
    [InlineData(new[] { "Open bracket at the end [" }, "Open bracket at the end [", new int[0])]
    public void Feed_MarkersInPieces_RenumberedInOrderOfFirstUse(string[] pieces, string expected, int[] used)
    {
        var markers = new CitationMarkers([1, 2, 3], keep: true);

        var text = string.Concat(pieces.Select(markers.Feed)) + markers.Flush();

        Assert.Equal(expected, text);
        Assert.Equal(used, markers.Used);
    }

    [Fact]
    public void Feed_UnfinishedMarker_HeldBackUntilItCloses()
    {
        var markers = new CitationMarkers([1, 2], keep: true);

        Assert.Equal("Refunds take 5 days ", markers.Feed("Refunds take 5 days [2"));
        Assert.Equal("[1].", markers.Feed("]."));
    }

    [Fact]
    public void Feed_CitationsOff_MarkersRemovedWithTheirSpace()
    {
        var markers = new CitationMarkers([1, 2], keep: false);

        var text = markers.Feed("Five days ") + markers.Feed("[2]. Free over 50 euros [1][2].") + markers.Flush();

        Assert.Equal("Five days. Free over 50 euros.", text);
        Assert.Equal([2, 1], markers.Used);
    }
}
