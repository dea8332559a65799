namespace Parley.Embeddings.Local.Tests;

public sealed class BatchPlannerTests
{
    [Fact]
    public void Plan_MixedLengths_SortsShortestFirstAndCutsAtBatchSize()
    {
        var batches = BatchPlanner.Plan([5, 3, 9, 1, 3], batchSize: 2, maxBatchTokens: 1000);

        Assert.Equal([[3, 1], [4, 0], [2]], batches.Select(batch => batch.ToArray()));
    }

    [Fact]
    public void Plan_LongInputs_CutAtTheTokenBudget()
    {
        // 2 × 10, then 256-token chunks two at a time: a third would pad to 768 > 512.
        var batches = BatchPlanner.Plan([256, 256, 256, 10, 10], batchSize: 32, maxBatchTokens: 512);

        Assert.Equal([[3, 4], [0, 1], [2]], batches.Select(batch => batch.ToArray()));
    }

    [Fact]
    public void Plan_InputOverTheBudget_GetsABatchOfItsOwn()
    {
        var batches = BatchPlanner.Plan([600, 4], batchSize: 32, maxBatchTokens: 512);

        Assert.Equal([[1], [0]], batches.Select(batch => batch.ToArray()));
    }

    [Fact]
    public void Plan_NoInputs_NoBatches()
    {
        Assert.Empty(BatchPlanner.Plan([], batchSize: 32, maxBatchTokens: 2048));
    }
}
