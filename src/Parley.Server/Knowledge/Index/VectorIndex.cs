using System.Numerics.Tensors;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Index;

/// <summary>
/// The embeddings of one bot's chunks in one contiguous block, searched exhaustively: a dot product per
/// chunk (the vectors are unit length, so it is the cosine). Exact, and at 100,000 chunks of 384 floats
/// still a few milliseconds on one core.
/// </summary>
public sealed class VectorIndex
{
    private readonly StoredChunk[] _chunks;
    private readonly float[] _vectors;
    private readonly int _dimensions;

    private VectorIndex(StoredChunk[] chunks, float[] vectors, int dimensions)
    {
        _chunks = chunks;
        _vectors = vectors;
        _dimensions = dimensions;
    }

    /// <summary>
    /// An index of the chunks embedded by <paramref name="model"/>, or null when none is; vectors of another
    /// model live in another space and would only mislead until they are re-embedded.
    /// </summary>
    public static VectorIndex? Build(IReadOnlyList<StoredChunk> chunks, string model)
    {
        var embedded = chunks.Where(c => c.Embedding is { Length: > 0 } && c.EmbeddingModel == model).ToArray();
        if (embedded.Length == 0)
            return null;
        var dimensions = embedded[0].Embedding!.Length;
        embedded = embedded.Where(c => c.Embedding!.Length == dimensions).ToArray();
        var vectors = new float[embedded.Length * dimensions];
        for (var i = 0; i < embedded.Length; i++)
            embedded[i].Embedding.AsSpan().CopyTo(vectors.AsSpan(i * dimensions, dimensions));
        return new VectorIndex(embedded, vectors, dimensions);
    }

    public int Count => _chunks.Length;

    public IReadOnlyList<(StoredChunk Chunk, double Similarity)> Search(float[] query, int limit)
    {
        if (query.Length != _dimensions)
            return [];
        // Equal similarities (the same text on several pages) are ranked by chunk id, lower first: the order is total.
        var best = new PriorityQueue<int, (float Score, long NegatedId)>(limit);
        var vectors = _vectors.AsSpan();
        for (var i = 0; i < _chunks.Length; i++)
        {
            var score = TensorPrimitives.Dot(query, vectors.Slice(i * _dimensions, _dimensions));
            var rank = (score, -_chunks[i].ChunkId);
            if (best.Count < limit)
                best.Enqueue(i, rank);
            else if (best.TryPeek(out _, out var worst) && score >= worst.Score && rank.CompareTo(worst) > 0)
                best.EnqueueDequeue(i, rank);
        }

        var results = new (StoredChunk, double)[best.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var doc, out var rank);
            results[i] = (_chunks[doc], rank.Score);
        }

        return results;
    }
}
