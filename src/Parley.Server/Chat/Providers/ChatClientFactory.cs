using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Parley.Core.Bots;
using Parley.Server.Knowledge.Fetching;
using Parley.Server.Secrets;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// The chat client a bot answers with: its own model settings, or the deployment's. Clients are built once
/// per distinct settings and kept while a bot uses them (all share one connection pool), so the cache holds
/// at most one client per bot; <c>extractive</c> is the registered <see cref="IChatClient"/> (the offline
/// generator, or whatever a host put in its place).
/// </summary>
public sealed class ChatClientFactory(
    IChatClient extractive,
    IOptions<ModelOptions> options,
    SecretProtector secrets,
    TimeProvider time,
    ILoggerFactory logs) : IDisposable
{
    private const string Deployment = "";

    // Keyed by bot id ("" for the deployment's model); a bot whose settings changed gets a new client. The old
    // one is not disposed, since a turn may still be streaming from it; it holds no connections of its own.
    private readonly ConcurrentDictionary<string, (ModelChoice Choice, Lazy<IChatClient> Client)> _clients = new(StringComparer.Ordinal);
    // The deployment's endpoint is the operator's choice; a bot's is a workspace's, so it may reach only public
    // addresses unless the operator allows private networks (a model served on the same host or network).
    private readonly HttpClient _trusted = NewHttpClient(time, vetAddresses: false);
    private readonly HttpClient _guarded = NewHttpClient(time, vetAddresses: !options.Value.AllowPrivateNetworks);

    public BotModel For(Bot bot)
    {
        var choice = ModelChoice.For(bot, options.Value, secrets);
        if (choice.IsExtractive)
            return new BotModel(extractive, choice);
        var key = bot.Model is null ? Deployment : bot.Id;
        if (_clients.TryGetValue(key, out var known) && known.Choice == choice)
            return new BotModel(known.Client.Value, known.Choice);
        var entry = _clients.AddOrUpdate(
            key,
            (_, c) => (c.Choice, new Lazy<IChatClient>(() => Create(c.Choice, c.Http))),
            (_, existing, c) => existing.Choice == c.Choice ? existing : (c.Choice, new Lazy<IChatClient>(() => Create(c.Choice, c.Http))),
            (Choice: choice, Http: key == Deployment ? _trusted : _guarded));
        return new BotModel(entry.Client.Value, entry.Choice);
    }

    /// <summary>
    /// A client for one connection test (see <see cref="ModelConnectionTest"/>): the chat's own vendor client, but
    /// neither cached nor retried, and giving up after <paramref name="timeout"/>. The caller disposes it.
    /// <paramref name="deployment"/> says the settings are the operator's, whose endpoint may be private.
    /// </summary>
    public IChatClient ForTest(ModelChoice choice, bool deployment, TimeSpan timeout) =>
        Vendor(choice, deployment ? _trusted : _guarded, timeout);

    private IChatClient Create(ModelChoice choice, HttpClient http) =>
        new ResilientChatClient(
            Vendor(choice, http, TimeSpan.FromSeconds(options.Value.TimeoutSeconds)), options.Value, time, logs.CreateLogger<ResilientChatClient>());

    private static IChatClient Vendor(ModelChoice choice, HttpClient http, TimeSpan timeout) => choice.Provider switch
    {
        ModelSettings.OpenAI => new OpenAIClient(
                new ApiKeyCredential(choice.ApiKey ?? "none"),
                new OpenAIClientOptions
                {
                    Endpoint = choice.BaseUrl,
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    Transport = new HttpClientPipelineTransport(http),
                    NetworkTimeout = timeout,
                })
            .GetChatClient(choice.Model)
            .AsIChatClient(),
        ModelSettings.Anthropic => new AnthropicClient(new Anthropic.Core.ClientOptions
            {
                ApiKey = choice.ApiKey ?? "none",
                BaseUrl = choice.BaseUrl?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
                MaxRetries = 0,
                HttpClient = http,
                Timeout = timeout,
            })
            .AsIChatClient(choice.Model!, choice.MaxTokens),
        _ => throw new InvalidOperationException($"No chat client for provider '{choice.Provider}'."),
    };

    public void Dispose()
    {
        foreach (var (_, client) in _clients.Values.Where(c => c.Client.IsValueCreated))
            client.Value.Dispose();
        _trusted.Dispose();
        _guarded.Dispose();
    }

    private static HttpClient NewHttpClient(TimeProvider time, bool vetAddresses)
    {
        var sockets = new SocketsHttpHandler
        {
            // Provider hosts move behind their load balancers; a pooled connection should not outlive that.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (vetAddresses)
        {
            sockets.ConnectCallback = VettedConnector.PublicOnly.ConnectAsync;
            // A proxy would resolve and connect on our behalf, past the address check.
            sockets.UseProxy = false;
        }

        return new HttpClient(new RetryAfterHandler(time) { InnerHandler = sockets }) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
