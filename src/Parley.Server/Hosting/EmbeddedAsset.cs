using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Parley.Server.Hosting;

/// <summary>
/// A file of the UI (widget, Playground) compiled into the server assembly, so the binary carries its own
/// front end and nothing on disk can be out of step with it. Served with an ETag and revalidated on every
/// use, so a new server version reaches browsers at once; compressed once at start for clients that take gzip
/// (the widget is loaded by every page of a customer's site).
/// </summary>
internal sealed class EmbeddedAsset
{
    private readonly byte[] _content;
    private readonly byte[] _gzipped;
    private readonly string _contentType;
    private readonly string _etag;

    private EmbeddedAsset(byte[] content, string contentType)
    {
        _content = content;
        _contentType = contentType;
        _etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
            gzip.Write(content);
        _gzipped = compressed.ToArray();
    }

    public static EmbeddedAsset Load(string logicalName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The resource '{logicalName}' is not embedded in the server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(copy.ToArray(), contentType);
    }

    /// <summary>Content the server makes once from what is embedded (a documentation page rendered to HTML).</summary>
    public static EmbeddedAsset From(string text, string contentType) => new(System.Text.Encoding.UTF8.GetBytes(text), contentType);

    public IResult Serve(HttpContext http, string? contentSecurityPolicy = null)
    {
        var headers = http.Response.Headers;
        if (contentSecurityPolicy is not null)
            headers[HeaderNames.ContentSecurityPolicy] = contentSecurityPolicy;
        headers.ETag = _etag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch.Contains(_etag))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        var acceptsGzip = http.Request.Headers.AcceptEncoding.Any(value => value?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
        if (!acceptsGzip || _gzipped.Length >= _content.Length)
            return Results.Bytes(_content, _contentType);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(_gzipped, _contentType);
    }
}
