using System.ComponentModel.DataAnnotations;

namespace Parley.Embeddings.Local;

/// <summary>Section <c>Parley:Embeddings:Local</c>: how the offline models (all-MiniLM-L6-v2, arctic-embed-xs) run.</summary>
public sealed class LocalEmbeddingsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Parley:Embeddings:Local";

    /// <summary>Most inputs per model run. Larger batches amortise the per-run cost of short inputs.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Most tokens per model run, padding included: a run's memory grows with it, while long inputs gain nothing from
    /// sharing a run. The default lets 32 short sentences share a run but gives 256-token chunks runs of 8.
    /// </summary>
    [Range(512, 131_072)]
    public int MaxBatchTokens { get; set; } = 2048;

    /// <summary>
    /// Tokens per input, counting <c>[CLS]</c> and <c>[SEP]</c>; longer inputs are truncated. The model was trained on
    /// 256 (arctic-embed-xs on 512) and both models' position embeddings end at 512.
    /// </summary>
    [Range(8, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Threads one model run uses; unset means one per processor the process may use.</summary>
    [Range(1, 64)]
    public int? IntraOpThreads { get; set; }
}
