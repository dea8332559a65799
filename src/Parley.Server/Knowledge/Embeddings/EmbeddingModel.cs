using Microsoft.Extensions.AI;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// The model that embeds one bot's knowledge. <see cref="Id"/> names it in stored chunks, so that chunks another
/// model made are known to need embedding again; both are null when the bot searches by words alone.
/// </summary>
public sealed record EmbeddingModel(string? Id, IEmbeddingGenerator<string, Embedding<float>>? Generator)
{
    public static EmbeddingModel None { get; } = new(null, null);

    /// <summary>all-MiniLM-L6-v2's id, which every local chunk was stored with before a deployment could choose its local model.</summary>
    public const string LocalId = "local/all-MiniLM-L6-v2";

    /// <summary>How this model spreads cosine similarity: every similarity bar is set from it.</summary>
    public SimilarityScale Scale { get; init; } = SimilarityScale.MiniLm;

    /// <summary>The endpoint is part of the name: two servers may serve different weights under one model name.</summary>
    public static string RemoteId(Uri baseUrl, string model) => $"openai/{model}@{baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}";
}
