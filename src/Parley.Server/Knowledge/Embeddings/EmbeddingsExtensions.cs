using System.Collections.Concurrent;
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Parley.Embeddings.Local;

namespace Parley.Server.Knowledge.Embeddings;

public static class EmbeddingsExtensions
{
    // The model is immutable and thread-safe: one copy per process and settings serves every host in it (the
    // test suite starts hundreds). Each host gets a wrapper that its container may dispose without closing it.
    private static readonly ConcurrentDictionary<string, Lazy<IEmbeddingGenerator<string, Embedding<float>>>> LocalModels = new(StringComparer.Ordinal);

    public static IServiceCollection AddParleyEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        if (options.Provider == "openai" && options.BaseUrl is { } baseUrl && options.Model is { } remoteModel)
            services.AddSingleton(_ => RemoteModel(baseUrl, remoteModel, options.ApiKey));
        else if (options.LocalModel is { } local)
            services.AddSingleton(_ => LocalModel(configuration, local));

        services.AddSingleton<EmbeddingModels>();
        services.AddSingleton<ChunkEmbedder>();
        services.AddSingleton<SavedQuestionEmbedder>();
        services.AddSingleton<ReembeddingSignal>();
        services.AddHostedService<ReembeddingWorker>();
        return services;
    }

    /// <summary>This process's copy of an offline model, wrapped so that whoever holds it may dispose the wrapper.</summary>
    internal static IEmbeddingGenerator<string, Embedding<float>> LocalModel(IConfiguration configuration, LocalModel model)
    {
        var local = configuration.GetSection(LocalEmbeddingsOptions.Section).Get<LocalEmbeddingsOptions>() ?? new LocalEmbeddingsOptions();
        var key = $"{model.Name}/{local.BatchSize}/{local.MaxBatchTokens}/{local.MaxTokens}/{local.IntraOpThreads}";
        var loaded = LocalModels.GetOrAdd(key, _ => new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() => model.Load(local)));
        return new SharedModel(loaded.Value);
    }

    /// <summary>
    /// Any OpenAI-compatible <c>/embeddings</c> endpoint, through <paramref name="http"/> when given (a bot's
    /// endpoint goes through one that connects only to public addresses). Local servers often want no key, so
    /// none is sent as "none".
    /// </summary>
    internal static IEmbeddingGenerator<string, Embedding<float>> RemoteModel(Uri baseUrl, string model, string? apiKey, HttpClient? http = null)
    {
        var options = new OpenAIClientOptions { Endpoint = baseUrl };
        if (http is not null)
            options.Transport = new HttpClientPipelineTransport(http);
        return new OpenAIClient(new ApiKeyCredential(apiKey ?? "none"), options).GetEmbeddingClient(model).AsIEmbeddingGenerator();
    }

    private sealed class SharedModel(IEmbeddingGenerator<string, Embedding<float>> model)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(model)
    {
#pragma warning disable CA2215 // Not calling base.Dispose is the point: the model outlives this host.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215
    }
}
