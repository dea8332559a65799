using System.ComponentModel.DataAnnotations;

namespace Parley.Embeddings.Local;

/// <summary>Section <c>Parley:Embeddings:Local</c>: how the offline all-MiniLM-L6-v2 model runs.</summary>
public sealed class LocalEmbeddingsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Parley:Embeddings:Local";

    /// <summary>Inputs per model run. Larger batches amortise the per-run cost but pad more and hold more memory.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Tokens per input, counting <c>[CLS]</c> and <c>[SEP]</c>; longer inputs are truncated. The model was trained on
    /// 256 and its position embeddings end at 512.
    /// </summary>
    [Range(8, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Threads one model run uses; unset means one per processor the process may use.</summary>
    [Range(1, 64)]
    public int? IntraOpThreads { get; set; }
}
