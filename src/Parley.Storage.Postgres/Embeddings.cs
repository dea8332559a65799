using Pgvector;

namespace Parley.Storage.Postgres;

/// <summary>Chunk embeddings as pgvector values; null stays null (no embedding model configured).</summary>
internal static class Embeddings
{
    public static Vector? ToVector(float[]? embedding) => embedding is null ? null : new Vector(embedding);

    public static float[]? FromVector(Vector? vector) => vector?.ToArray();
}
