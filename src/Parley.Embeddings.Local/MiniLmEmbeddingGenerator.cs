using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Parley.Embeddings.Local;

/// <summary>
/// all-MiniLM-L6-v2 run in process on ONNX Runtime: 384-dimensional unit vectors, no network, no API key.
/// </summary>
/// <remarks>
/// Thread-safe; hold one instance (it owns the model session, about 160 MB). A call tokenises every value, sorts them by
/// length so that each batch pads little, runs the batches one after another on a thread-pool thread and returns the
/// vectors in the order of the values. Cancellation is checked between batches and also stops a batch in flight.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model's name, as on every embedding this generator returns.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>Length of every vector.</summary>
    public const int Dimensions = 384;

    private readonly int _batchSize;
    private readonly int _maxBatchTokens;
    private readonly SentenceTokenizer _tokenizer;
    private readonly InferenceSession _session;
    private readonly string[] _inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private readonly string[] _outputNames = ["last_hidden_state"];
    private readonly long[] _zeros;
    private readonly EmbeddingGeneratorMetadata _metadata = new("parley-local", defaultModelId: ModelId, defaultModelDimensions: Dimensions);
    private int _disposed;

    /// <summary>Loads the model with default options.</summary>
    public MiniLmEmbeddingGenerator()
        : this(new LocalEmbeddingsOptions())
    {
    }

    /// <summary>Loads the model; this takes about a second.</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public MiniLmEmbeddingGenerator(LocalEmbeddingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        _batchSize = options.BatchSize;
        _maxBatchTokens = options.MaxBatchTokens;
        using (var vocabulary = MiniLmResources.OpenVocabulary())
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
        _session = new InferenceSession(MiniLmResources.ReadModel(), sessionOptions);
        _zeros = new long[Math.Max(options.MaxBatchTokens, options.MaxTokens)];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="values"/> holds a null.</exception>
    /// <exception cref="NotSupportedException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is set to other than 384.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
            throw new NotSupportedException($"{ModelId} produces {Dimensions} dimensions, not {dimensions}.");

        var texts = values.ToArray();
        if (Array.IndexOf(texts, null) >= 0)
            throw new ArgumentException("Every value must be a string; use \"\" for nothing.", nameof(values));

        return Task.Run(() => Generate(texts, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Releases the model session.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _session.Dispose();
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(string[] texts, CancellationToken cancellationToken)
    {
        var tokenCounts = _tokenizer.CountTokens(texts);
        var vectors = new float[texts.Length][];
        foreach (var batch in BatchPlanner.Plan(tokenCounts, _batchSize, _maxBatchTokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunBatch(texts, batch, tokenCounts[batch[^1]], vectors, cancellationToken);
        }

        var tokens = tokenCounts.Sum(count => (long)count);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelId }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

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
                vectors[batch[r]] = MeanPooling.PoolAndNormalize(
                    tokenVectors.Slice(r * rowCells, rowCells),
                    attentionMask.AsSpan(r * sequenceLength, sequenceLength),
                    Dimensions);
            }
        }
    }
}
