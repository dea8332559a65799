using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Section <c>Parley:Embeddings</c>. <c>local</c> runs all-MiniLM-L6-v2 in-process (no key, no network);
/// <c>none</c> turns semantic search off and leaves retrieval to BM25 alone, for the cheapest deployments.
/// </summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Parley:Embeddings";

    [RegularExpression("^(local|none)$", ErrorMessage = "Parley:Embeddings:Provider must be 'local' or 'none'.")]
    public string Provider { get; set; } = "local";

    public bool Enabled => Provider == "local";
}
