namespace Parley.Core.Knowledge;

/// <summary>A chunk as stored, with what is needed to rank it and to cite it.</summary>
public sealed record StoredChunk(
    long ChunkId,
    string SourceId,
    SourceType SourceType,
    string PageTitle,
    string? Url,
    string? Heading,
    string Text,
    float[]? Embedding = null,
    string? EmbeddingModel = null);
