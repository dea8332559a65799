using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local;

/// <summary>
/// all-MiniLM-L6-v2 run in process on ONNX Runtime: 384-dimensional unit vectors, no network, no API key. Queries and
/// documents are embedded alike (the model was trained symmetrically), so <see cref="QueryMarker"/> changes nothing.
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
    public const int Dimensions = BertEncoder.Dimensions;

    private readonly BertEncoder _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata = new("parley-local", defaultModelId: ModelId, defaultModelDimensions: Dimensions);
    private int _disposed;

    /// <summary>Loads the model with default options.</summary>
    public MiniLmEmbeddingGenerator()
        : this(new LocalEmbeddingsOptions())
    {
    }

    /// <summary>Loads the model; this takes about a second.</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public MiniLmEmbeddingGenerator(LocalEmbeddingsOptions options) =>
        _encoder = new BertEncoder(ModelResources.MiniLm, ModelId, Pooling.Mean, options);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="values"/> holds a null.</exception>
    /// <exception cref="NotSupportedException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is set to other than 384.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = BertEncoder.Validate(values, options, ModelId, Volatile.Read(ref _disposed) != 0, this);
        return Task.Run(() => _encoder.Generate(texts, cancellationToken), cancellationToken);
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
            _encoder.Dispose();
    }
}
