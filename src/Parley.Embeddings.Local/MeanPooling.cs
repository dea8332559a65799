namespace Parley.Embeddings.Local;

/// <summary>Sentence-transformers' pooling for this model: the mean of the attended token vectors, scaled to unit length.</summary>
internal static class MeanPooling
{
    /// <param name="tokenVectors">One row of the model's <c>last_hidden_state</c>: tokens × <paramref name="dimensions"/>.</param>
    /// <param name="attentionMask">The row's mask; padding positions are 0.</param>
    /// <param name="dimensions">Size of one token vector.</param>
    public static float[] PoolAndNormalize(ReadOnlySpan<float> tokenVectors, ReadOnlySpan<long> attentionMask, int dimensions)
    {
        var sum = new float[dimensions];
        var attended = 0f;
        for (var t = 0; t < attentionMask.Length; t++)
        {
            if (attentionMask[t] == 0)
                continue;
            attended++;
            var token = tokenVectors.Slice(t * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
                sum[d] += token[d];
        }

        // The same floors as sentence-transformers: a row with nothing attended, or a zero vector, stays finite.
        var scale = 1f / MathF.Max(attended, 1e-9f);
        var squares = 0f;
        for (var d = 0; d < dimensions; d++)
        {
            sum[d] *= scale;
            squares += sum[d] * sum[d];
        }
        var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), 1e-12f);
        for (var d = 0; d < dimensions; d++)
            sum[d] *= inverseNorm;
        return sum;
    }
}
