using System.ClientModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Parley.Core.Bots;
using Parley.Server.Knowledge.Fetching;
using Parley.Server.Secrets;

namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// Which model embeds each bot's knowledge: the bot's own <see cref="Bot.Embedding"/> when it sets one, else the
/// deployment's (<c>Parley:Embeddings</c>). Clients for remote endpoints are made once per endpoint, model and key.
/// </summary>
public sealed class EmbeddingModels(
    IServiceProvider services, IOptions<EmbeddingOptions> options, IConfiguration configuration, SecretProtector secrets) : IDisposable
{
    private readonly ConcurrentDictionary<(Uri, string, string?), Lazy<IEmbeddingGenerator<string, Embedding<float>>>> _remote = new();

    private readonly Lazy<EmbeddingModel> _default = new(() => Default(services, options.Value));

    // Bots' endpoints are set by workspace keys: they may reach only public addresses unless the operator allows more.
    private readonly HttpClient _botEndpoints = new(new SocketsHttpHandler
    {
        ConnectCallback = options.Value.AllowPrivateNetworks ? null : VettedConnector.PublicOnly.ConnectAsync,
        UseProxy = options.Value.AllowPrivateNetworks,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    });
    private readonly ConcurrentDictionary<LocalModel, Lazy<EmbeddingModel>> _local = new();

    public EmbeddingModel For(Bot bot) => bot.Embedding switch
    {
        null => _default.Value,
        // A bot that chose "local" before there was a choice of local model was embedded by MiniLM, and keeps it.
        { Provider: "local", Model: var name } => Local(LocalModel.Find(name) ?? LocalModel.MiniLm),
        { Provider: "openai", BaseUrl: { } baseUrl, Model: { } model } settings =>
            new EmbeddingModel(EmbeddingModel.RemoteId(baseUrl, model), Remote(baseUrl, model, settings.ProtectedApiKey)),
        _ => EmbeddingModel.None,
    };

    public void Dispose()
    {
        foreach (var client in _remote.Values.Where(c => c.IsValueCreated))
            client.Value.Dispose();
        _botEndpoints.Dispose();
    }

    private EmbeddingModel Local(LocalModel model) =>
        _local.GetOrAdd(model, m => new Lazy<EmbeddingModel>(() => new(m.Id, EmbeddingsExtensions.LocalModel(configuration, m)) { Scale = m.Scale })).Value;

    private IEmbeddingGenerator<string, Embedding<float>> Remote(Uri baseUrl, string model, string? protectedKey) =>
        _remote.GetOrAdd((baseUrl, model, protectedKey), key => new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() =>
            EmbeddingsExtensions.RemoteModel(key.Item1, key.Item2, secrets.Unprotect(key.Item3), _botEndpoints))).Value;

    private static EmbeddingModel Default(IServiceProvider services, EmbeddingOptions options)
    {
        var generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        if (generator is null)
            return EmbeddingModel.None;
        if (options.Provider == "openai")
            return new EmbeddingModel(EmbeddingModel.RemoteId(options.BaseUrl!, options.Model!), generator);
        var local = options.LocalModel!;
        return new EmbeddingModel(local.Id, generator) { Scale = local.Scale };
    }
}
