using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Embeddings.Local;

/// <summary>Registration of the offline embedding model.</summary>
public static class LocalEmbeddingsExtensions
{
    /// <summary>
    /// Registers <see cref="MiniLmEmbeddingGenerator"/> as the singleton <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// of strings, with <see cref="LocalEmbeddingsOptions"/> bound from <c>Parley:Embeddings:Local</c> and validated at
    /// start-up. The model loads on first use of the generator.
    /// </summary>
    /// <param name="services">The service collection; it must also hold an <c>IConfiguration</c>, as every host does.</param>
    /// <param name="configure">Applied after configuration.</param>
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services, Action<LocalEmbeddingsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LocalEmbeddingsOptions>().BindConfiguration(LocalEmbeddingsOptions.Section);
        if (configure is not null)
            options.Configure(configure);
        options.ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            provider => new MiniLmEmbeddingGenerator(provider.GetRequiredService<IOptions<LocalEmbeddingsOptions>>().Value));
        return services;
    }
}
