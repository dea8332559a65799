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
    /// When the store can search (PostgreSQL), search there: its GIN index of Parley's terms and pgvector's HNSW
    /// index, shared by every replica, so no server holds a copy of every bot's knowledge in memory. Off, each
    /// server builds and keeps an in-memory index per bot from the stored chunks, as on SQLite: faster per
    /// question, at the price of that memory on every replica (bench/README.md has both).
    /// </summary>
    public bool InDatabase { get; set; } = true;

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
