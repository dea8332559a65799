namespace Parley.Core.Knowledge;

/// <summary>A chunk found for a query. <see cref="Rank"/> is the backend's raw score, larger is better.</summary>
public sealed record KnowledgeHit(
    long ChunkId,
    string SourceId,
    SourceType SourceType,
    string PageTitle,
    string? Url,
    string? Heading,
    string Text,
    double Rank);
