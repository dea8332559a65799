namespace Parley.Embeddings.Local;

/// <summary>Pooling for models trained on the first token's vector (arctic-embed): that vector, scaled to unit length.</summary>
internal static class ClsPooling
{
    /// <param name="tokenVectors">One row of the model's <c>last_hidden_state</c>: tokens × <paramref name="dimensions"/>; token 0 is <c>[CLS]</c>.</param>
    /// <param name="dimensions">Size of one token vector.</param>
    public static float[] PoolAndNormalize(ReadOnlySpan<float> tokenVectors, int dimensions)
    {
        var vector = tokenVectors[..dimensions].ToArray();
        var squares = 0f;
        foreach (var x in vector)
            squares += x * x;
        // The same floor as sentence-transformers' Normalize, so a zero vector stays finite.
        var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), 1e-12f);
        for (var d = 0; d < dimensions; d++)
            vector[d] *= inverseNorm;
        return vector;
    }
}
