namespace Parley.Core.Knowledge;

/// <summary>
/// A passage small enough to retrieve and quote, with what it needs to be cited, and its embedding
/// (a unit vector) once the embedding model has read it.
/// </summary>
public sealed record Chunk(int Ordinal, string PageTitle, string? Url, string? Heading, string Text, float[]? Embedding = null, string? EmbeddingModel = null);
