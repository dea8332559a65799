using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// Fetches a page for the crawler without becoming a way into the server's own network (SSRF). The
/// connection callback resolves the host itself, vets every address through <see cref="AddressPolicy"/>
/// and connects to the vetted address, so a DNS answer that changes between check and use (rebinding)
/// cannot slip past. Redirects are followed here, each hop checked the same way; the body is read under
/// a byte limit and the whole request under one time limit. Failures come back as data.
/// </summary>
public sealed class WebFetcher : IDisposable
{
    public const string UserAgent = "ParleyBot/1.0 (Parley knowledge crawler)";

    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string RobotsAgent = "ParleyBot";

    private const string Accept = "text/html,application/xhtml+xml,application/pdf,text/markdown,text/plain;q=0.9,*/*;q=0.5";

    private readonly FetchOptions _options;
    private readonly HttpClient _http;

    public WebFetcher(IOptions<FetchOptions> options)
        : this(options.Value, AddressPolicy.From(options.Value))
    {
    }

    /// <summary>For tests: another address policy, and a resolver that need not ask DNS.</summary>
    internal WebFetcher(FetchOptions options, AddressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would resolve and connect on our behalf, past the address check.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = new VettedConnector(policy, resolve).ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// GETs <paramref name="url"/>, following up to <see cref="FetchOptions.MaxRedirects"/> redirects. With
    /// <paramref name="etag"/> or <paramref name="lastModified"/> from an earlier fetch the request is
    /// conditional, and a 304 comes back as <see cref="FetchStatus.NotModified"/>. Only the caller's
    /// cancellation throws.
    /// </summary>
    public async Task<FetchResult> FetchAsync(Uri url, string? etag = null, DateTimeOffset? lastModified = null, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (!IsHttp(current))
                    return Failure(FetchStatus.InvalidUrl, current, "Only absolute http and https URLs are fetched.");

                using var request = NewRequest(current, etag, lastModified);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (response.Headers.Location is not { } location)
                        return Failure(FetchStatus.HttpError, current, $"HTTP {status} without a Location.", status);
                    if (redirects == _options.MaxRedirects)
                        return Failure(FetchStatus.TooManyRedirects, current, $"More than {_options.MaxRedirects} redirects.", status);
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (status == 304)
                {
                    return new FetchResult
                    {
                        Status = FetchStatus.NotModified,
                        FinalUrl = current,
                        HttpStatus = status,
                        ETag = response.Headers.ETag?.ToString() ?? etag,
                        LastModified = response.Content.Headers.LastModified ?? lastModified,
                    };
                }

                if (status is < 200 or > 299)
                    return Failure(FetchStatus.HttpError, current, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status);
                return await ReadAsync(response, current, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failure(FetchStatus.TimedOut, current, $"{current.Authority} timed out: no complete answer within {_options.RequestTimeoutSeconds} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
        {
            return NetworkFailure(e, current);
        }
    }

    /// <summary>Names what went wrong in the words a site owner checks: the host's name, the port, the connection.</summary>
    private static FetchResult NetworkFailure(Exception e, Uri url)
    {
        if (Find<AddressRefusedException>(e) is { } refused)
            return Failure(FetchStatus.RefusedAddress, url, refused.Message);

        var socket = Find<SocketException>(e);
        return socket?.SocketErrorCode switch
        {
            SocketError.HostNotFound or SocketError.NoData =>
                Failure(FetchStatus.HostNotFound, url, $"The host {url.IdnHost} could not be found: DNS knows no address for it. Check the URL for a typo."),
            SocketError.TryAgain =>
                Failure(FetchStatus.HostNotFound, url, $"The host {url.IdnHost} could not be looked up: DNS did not answer ({socket.Message})."),
            SocketError.ConnectionRefused =>
                Failure(FetchStatus.Unreachable, url, $"The site {url.Authority} could not be reached: connection refused (nothing accepts connections on port {url.Port})."),
            SocketError.TimedOut =>
                Failure(FetchStatus.TimedOut, url, $"{url.Authority} timed out: the connection was never accepted."),
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown =>
                Failure(FetchStatus.Unreachable, url, $"The site {url.Authority} could not be reached: {socket.Message}."),
            _ => Failure(FetchStatus.NetworkError, url, $"The connection to {url.Authority} failed: {socket?.Message ?? e.Message}"),
        };
    }

    private async Task<FetchResult> ReadAsync(HttpResponseMessage response, Uri url, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
            return Failure(FetchStatus.TooLarge, url, $"The body is over {max} bytes.", status);

        // Counted as it streams: Content-Length may be absent, false, or of a compressed body.
        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > max)
                    return Failure(FetchStatus.TooLarge, url, $"The body is over {max} bytes.", status);
                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var contentType = response.Content.Headers.ContentType;
        return new FetchResult
        {
            Status = FetchStatus.Ok,
            FinalUrl = url,
            HttpStatus = status,
            MediaType = contentType?.MediaType?.ToLowerInvariant(),
            Charset = contentType?.CharSet,
            Body = body.ToArray(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
        };
    }

    private static HttpRequestMessage NewRequest(Uri url, string? etag, DateTimeOffset? lastModified)
    {
        // HTTP/1.1 or 2 only: HTTP/3 runs over QUIC, which does not go through the connection callback.
        var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        if (!string.IsNullOrEmpty(etag))
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (lastModified is { } since)
            request.Headers.IfModifiedSince = since;
        return request;
    }

    private static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && url.Scheme is "http" or "https" && url.Host.Length > 0;

    private static FetchResult Failure(FetchStatus status, Uri url, string error, int? httpStatus = null) =>
        new() { Status = status, FinalUrl = url, HttpStatus = httpStatus, Error = error };

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
