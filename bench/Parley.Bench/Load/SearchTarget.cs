using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Bench.Load;

/// <summary>
/// The knowledge search API under load, <c>POST /v1/bots/{id}/search</c> with the admin key: the same retrieval a
/// turn makes, without a conversation, a generator or a stream. Its first content is the whole response, read to
/// the end, so its TTFC is its latency.
/// </summary>
internal sealed class SearchTarget : ILoadTarget, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] Passages = "\"passages\":["u8.ToArray();
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SearchTarget(string name, Uri baseAddress, string botId, string adminKey)
    {
        Name = name;
        _endpoint = new Uri(baseAddress, $"/v1/bots/{botId}/search");
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
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminKey) },
        };
    }

    public string Name { get; }

    public async Task<TurnResult> RunAsync(string question, string sessionId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var body = new ByteArrayContent(Body(question));
            body.Headers.ContentType = Json;
            using var response = await _http.PostAsync(_endpoint, body, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            var ended = Stopwatch.GetTimestamp();
            var failure = response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}"
                : answer.AsSpan().IndexOf(Passages) < 0 ? "no passages field"
                : null;
            return new TurnResult(started, failure is null ? ended : 0, ended, failure);
        }
        catch (HttpRequestException e)
        {
            return new TurnResult(started, 0, Stopwatch.GetTimestamp(), e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static byte[] Body(string question)
    {
        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("query"u8, question);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
