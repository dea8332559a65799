using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Bench.Load;

/// <summary>
/// A chat endpoint under load: one pooled HTTP/1.1 keep-alive client, and the request body of a visitor's first
/// message to one bot.
/// </summary>
internal sealed class ChatTarget : ILoadTarget, IDisposable
{
    public const string Path = "/v1/public/chat/stream";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri[] _endpoints;
    private readonly string _botId;
    private int _next;

    public ChatTarget(string name, Uri baseAddress, string botId)
        : this(name, [baseAddress], botId)
    {
    }

    /// <summary>A target of several replicas: each request goes to the next one in turn.</summary>
    public ChatTarget(string name, IReadOnlyList<Uri> baseAddresses, string botId)
    {
        Name = name;
        _botId = botId;
        _endpoints = baseAddresses.Select(a => new Uri(a, Path)).ToArray();
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Name { get; }

    public HttpRequestMessage NewRequest(string message, string sessionId)
    {
        var body = new ByteArrayContent(Body(message, sessionId));
        body.Headers.ContentType = Json;
        var endpoint = _endpoints[(uint)Interlocked.Increment(ref _next) % _endpoints.Length];
        return new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = body };
    }

    public Task<TurnResult> RunAsync(string question, string sessionId, CancellationToken ct) =>
        ChatTurn.RunAsync(this, question, sessionId, ct);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);

    public void Dispose() => _http.Dispose();

    private byte[] Body(string message, string sessionId)
    {
        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("bot_id"u8, _botId);
            json.WriteString("message"u8, message);
            json.WriteString("session_id"u8, sessionId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
