using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Knowledge;

/// <summary>Section <c>Parley:Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Parley:Retrieval";

    /// <summary>Past this, the answer goes ahead without knowledge and the client gets a <c>rag_unavailable</c> notice.</summary>
    [Range(1, 60_000)]
    public int TimeoutMs { get; set; } = 3000;

    [Range(1, 20)]
    public int MaxPassages { get; set; } = 4;

    /// <summary>
    /// When the store can search (PostgreSQL), search there (full-text and pgvector HNSW indexes) rather than in
    /// the in-memory index each server builds per bot. Off by default: measured on the bench's 10,000 chunks,
    /// PostgreSQL's full-text ranking of the many chunks an OR of a question's words matches takes hundreds of
    /// milliseconds where the in-memory BM25 takes a fraction of one, for the same hit@5 (bench/README.md).
    /// </summary>
    public bool InDatabase { get; set; }

    /// <summary>Chunks kept in the in-memory search indexes of all bots together; idle bots' indexes go first.</summary>
    [Range(1_000, 100_000_000)]
    public long MaxIndexedChunks { get; set; } = 2_000_000;

    /// <summary>Relevance (0..1) a passage needs to be used and cited when semantic search is on.</summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.3;

    /// <summary>Without embeddings: the share of the question's content words a passage must contain to count as relevant.</summary>
    [Range(0.0, 1.0)]
    public double MinCoverage { get; set; } = 0.5;
}
