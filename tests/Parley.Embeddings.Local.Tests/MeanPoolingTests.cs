namespace Parley.Embeddings.Local.Tests;

public sealed class MeanPoolingTests
{
    [Fact]
    public void PoolAndNormalize_PaddedRow_AveragesOnlyAttendedTokensToUnitLength()
    {
        float[] tokens = [3, 0, /* attended */ 1, 4, /* attended */ 100, -100 /* padding */];
        long[] mask = [1, 1, 0];

        var vector = MeanPooling.PoolAndNormalize(tokens, mask, dimensions: 2);

        // mean (2, 2) scaled to unit length
        Assert.Equal(1 / MathF.Sqrt(2), vector[0], 6);
        Assert.Equal(1 / MathF.Sqrt(2), vector[1], 6);
    }

    [Fact]
    public void PoolAndNormalize_NothingAttended_ReturnsZerosNotNaN()
    {
        var vector = MeanPooling.PoolAndNormalize([1, 2], [0], dimensions: 2);

        Assert.Equal([0f, 0f], vector);
    }
}
