namespace Parley.Embeddings.Local;

/// <summary>Groups inputs into model runs.</summary>
internal static class BatchPlanner
{
    /// <summary>
    /// The input indices, shortest first, cut into batches of at most <paramref name="batchSize"/> inputs whose padded
    /// size (inputs × longest) stays within <paramref name="maxBatchTokens"/>. An input always gets a batch, alone if
    /// it must. Sorting makes each batch's members of similar length, so padding wastes little.
    /// </summary>
    public static List<ArraySegment<int>> Plan(int[] tokenCounts, int batchSize, int maxBatchTokens)
    {
        var order = new int[tokenCounts.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        // Stable, so equal lengths keep their input order.
        order = [.. order.OrderBy(i => tokenCounts[i])];

        var batches = new List<ArraySegment<int>>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            while (end < order.Length && end - start < batchSize && (end - start + 1) * tokenCounts[order[end]] <= maxBatchTokens)
                end++;
            batches.Add(new ArraySegment<int>(order, start, end - start));
            start = end;
        }
        return batches;
    }
}
