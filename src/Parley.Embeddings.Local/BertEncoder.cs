using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Parley.Embeddings.Local;

/// <summary>How a model turns its token vectors into one sentence vector.</summary>
internal enum Pooling
{
    /// <summary>The mean of the attended tokens (all-MiniLM-L6-v2).</summary>
    Mean,

    /// <summary>The first token, <c>[CLS]</c> (arctic-embed).</summary>
    Cls,
}

/// <summary>
/// A BERT-style sentence model (lower-case WordPiece in, <c>last_hidden_state</c> out) run in process on ONNX Runtime:
/// what the local generators share. Thread-safe; it owns the model session.
/// </summary>
/// <remarks>
/// A call tokenises every text, sorts them by length so that each batch pads little, runs the batches one after another
/// and returns the vectors in the order of the texts. Cancellation is checked between batches and also stops a batch in flight.
/// </remarks>
internal sealed class BertEncoder : IDisposable
{
    public const int Dimensions = 384;

    private readonly string _modelId;
    private readonly Pooling _pooling;
    private readonly int _batchSize;
    private readonly int _maxBatchTokens;
    private readonly SentenceTokenizer _tokenizer;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private readonly string[] _outputNames = ["last_hidden_state"];
    private readonly long[] _zeros;

    /// <summary>Loads the model; this takes about a second.</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public BertEncoder(ModelResources files, string modelId, Pooling pooling, LocalEmbeddingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        _modelId = modelId;
        _pooling = pooling;
        _batchSize = options.BatchSize;
        _maxBatchTokens = options.MaxBatchTokens;
        using (var vocabulary = files.OpenVocabulary())
            _tokenizer = new SentenceTokenizer(vocabulary, options.MaxTokens);

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Every batch has its own shape, so memory patterns planned per shape only add to the peak (a third, measured).
        sessionOptions.EnableMemoryPattern = false;
        // Idle pool threads would otherwise spin on the cores that serve requests; throughput measured the same without.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(files.ReadModel(), sessionOptions);
        _zeros = new long[Math.Max(options.MaxBatchTokens, options.MaxTokens)];
    }

    /// <summary>The checks every generator makes before it queues work: a disposed model, a null, a size it cannot give.</summary>
    public static string[] Validate(IEnumerable<string> values, EmbeddingGenerationOptions? options, string modelId, bool disposed, object owner)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(disposed, owner);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
            throw new NotSupportedException($"{modelId} produces {Dimensions} dimensions, not {dimensions}.");

        var texts = values.ToArray();
        if (Array.IndexOf(texts, null) >= 0)
            throw new ArgumentException("Every value must be a string; use \"\" for nothing.", nameof(values));
        return texts;
    }

    public GeneratedEmbeddings<Embedding<float>> Generate(string[] texts, CancellationToken cancellationToken)
    {
        var tokenCounts = _tokenizer.CountTokens(texts);
        var vectors = new float[texts.Length][];
        foreach (var batch in BatchPlanner.Plan(tokenCounts, _batchSize, _maxBatchTokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunBatch(texts, batch, tokenCounts[batch[^1]], vectors, cancellationToken);
        }

        var tokens = tokenCounts.Sum(count => (long)count);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(vector => new Embedding<float>(vector) { ModelId = _modelId }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    public void Dispose() => _session.Dispose();

    private void RunBatch(string[] texts, ReadOnlySpan<int> batch, int sequenceLength, float[][] vectors, CancellationToken cancellationToken)
    {
        var cells = batch.Length * sequenceLength;
        var inputIds = new long[cells];
        var attentionMask = new long[cells];
        _tokenizer.Encode(texts, batch, sequenceLength, inputIds, attentionMask);

        long[] shape = [batch.Length, sequenceLength];
        using var inputIdsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var attentionMaskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        // One sentence per row, so every token is segment 0; ONNX Runtime only reads the shared zeros.
        using var tokenTypeIdsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _zeros.AsMemory(0, cells), shape);
        OrtValue[] inputs = [inputIdsValue, attentionMaskValue, tokenTypeIdsValue];

        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var tokenVectors = outputs[0].GetTensorDataAsSpan<float>();
            var rowCells = sequenceLength * Dimensions;
            for (var r = 0; r < batch.Length; r++)
            {
                var row = tokenVectors.Slice(r * rowCells, rowCells);
                vectors[batch[r]] = _pooling == Pooling.Cls
                    ? ClsPooling.PoolAndNormalize(row, Dimensions)
                    : MeanPooling.PoolAndNormalize(row, attentionMask.AsSpan(r * sequenceLength, sequenceLength), Dimensions);
            }
        }
    }
}
