using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local;

/// <summary>
/// Snowflake's snowflake-arctic-embed-xs run in process on ONNX Runtime: 384-dimensional unit vectors, no network, no
/// API key. It follows the model card's recipe: the <c>[CLS]</c> token's vector, normalised, and queries (calls marked
/// with <see cref="QueryMarker"/>) prefixed with <see cref="QueryPrefix"/>, documents with nothing.
/// </summary>
/// <remarks>
/// A fine-tune of all-MiniLM-L6-v2: the same architecture, size, speed and vocabulary, so everything said of
/// <see cref="MiniLmEmbeddingGenerator"/> holds here too. Thread-safe; hold one instance.
/// </remarks>
public sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model's name, as on every embedding this generator returns.</summary>
    public const string ModelId = "snowflake-arctic-embed-xs";

    /// <summary>Length of every vector.</summary>
    public const int Dimensions = BertEncoder.Dimensions;

    /// <summary>The instruction the model was trained with on queries (and only on queries).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly BertEncoder _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata = new("parley-local", defaultModelId: ModelId, defaultModelDimensions: Dimensions);
    private int _disposed;

    /// <summary>Loads the model with default options.</summary>
    public ArcticXsEmbeddingGenerator()
        : this(new LocalEmbeddingsOptions())
    {
    }

    /// <summary>Loads the model; this takes about a second.</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public ArcticXsEmbeddingGenerator(LocalEmbeddingsOptions options) =>
        _encoder = new BertEncoder(ModelResources.ArcticXs, ModelId, Pooling.Cls, options);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="values"/> holds a null.</exception>
    /// <exception cref="NotSupportedException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is set to other than 384.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = BertEncoder.Validate(values, options, ModelId, Volatile.Read(ref _disposed) != 0, this);
        if (QueryMarker.IsSet(options))
        {
            for (var i = 0; i < texts.Length; i++)
                texts[i] = QueryPrefix + texts[i];
        }

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
