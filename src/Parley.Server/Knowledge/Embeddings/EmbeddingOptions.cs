using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Section <c>Parley:Embeddings</c>. <c>local</c> runs an offline model in-process (no key, no network), the one
/// <see cref="Model"/> names: <c>minilm</c> (all-MiniLM-L6-v2) or <c>arctic-xs</c> (snowflake-arctic-embed-xs);
/// <c>openai</c> calls any OpenAI-compatible <c>/embeddings</c> endpoint (OpenAI, Azure OpenAI, Ollama, vLLM,
/// llama.cpp server) at <see cref="BaseUrl"/> with <see cref="Model"/>; <c>none</c> turns semantic search off
/// and leaves retrieval to BM25 alone.
/// </summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string Section = "Parley:Embeddings";

    [RegularExpression("^(local|openai|none)$", ErrorMessage = "Parley:Embeddings:Provider must be 'local', 'openai' or 'none'.")]
    public string Provider { get; set; } = "local";

    /// <summary>For <c>openai</c>: the API's base address, ending in <c>/v1</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>For <c>openai</c>: the key, if the endpoint wants one. Give it through the environment, never a file in the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// For <c>local</c>: <c>minilm</c> or <c>arctic-xs</c>; unset, <see cref="Embeddings.LocalModel.Default"/>.
    /// For <c>openai</c>: the embedding model, e.g. <c>text-embedding-3-small</c> or <c>nomic-embed-text</c>.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The offline model in use, for <c>local</c>; null for the other providers.</summary>
    public LocalModel? LocalModel => Provider == "local" ? Embeddings.LocalModel.Find(Model) ?? Embeddings.LocalModel.Default : null;

    /// <summary>
    /// Lets a bot's own embedding <c>base_url</c> reach loopback and private addresses (a model on this host or
    /// network). Off by default, since workspace keys set bots' URLs; <see cref="BaseUrl"/> above may always.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "openai" && (BaseUrl is null || string.IsNullOrWhiteSpace(Model)))
            yield return new ValidationResult("Parley:Embeddings:Provider 'openai' needs BaseUrl and Model.", [nameof(BaseUrl), nameof(Model)]);
        if (Provider == "local" && Model is not null && Embeddings.LocalModel.Find(Model) is null)
            yield return new ValidationResult($"Parley:Embeddings:Model must be one of {Embeddings.LocalModel.Names} for the 'local' provider.", [nameof(Model)]);
    }
}
