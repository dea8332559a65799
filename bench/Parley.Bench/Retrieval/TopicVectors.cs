namespace Parley.Bench.Retrieval;

/// <summary>
/// Stand-ins for embeddings with the structure real ones have: chunks of one page lie near each other and pages of
/// one topic near each other, and a question lies near the chunk it is about. Uniformly random vectors would make
/// every chunk about equally far from every question, which no model produces and which is the worst case for
/// HNSW, so its recall measured on them says nothing about recall on knowledge.
/// </summary>
internal sealed class TopicVectors(int seed)
{
    public const int Dimensions = 384;
    private const int Topics = 64;

    // The noise added at each level, relative to the unit vector it is added to.
    private const float PageSpread = 0.9f;
    private const float ChunkSpread = 0.7f;
    private const float QuestionSpread = 0.9f;

    private readonly Random _random = new(seed);
    private readonly float[][] _topics = CreateTopics(seed);

    public float[] Page(int page) => Near(_topics[page % Topics], PageSpread);

    public float[] Chunk(float[] page) => Near(page, ChunkSpread);

    public float[] Question(float[] chunk) => Near(chunk, QuestionSpread);

    public static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        return Normalised(vector);
    }

    private float[] Near(float[] center, float spread)
    {
        var noise = UnitVector(_random);
        var vector = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
            vector[i] = center[i] + (spread * noise[i]);
        return Normalised(vector);
    }

    private static float[][] CreateTopics(int seed)
    {
        var random = new Random(seed + 1);
        return Enumerable.Range(0, Topics).Select(_ => UnitVector(random)).ToArray();
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++)
            vector[i] /= norm;
        return vector;
    }
}
