using System.Runtime.InteropServices;

namespace Parley.Storage.Sqlite;

/// <summary>Embeddings are stored as their raw float32 bytes: compact, and read back without parsing.</summary>
internal static class Vectors
{
    public static byte[]? ToBytes(float[]? vector) => vector is null ? null : MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[]? FromBytes(byte[]? bytes) => bytes is null ? null : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
