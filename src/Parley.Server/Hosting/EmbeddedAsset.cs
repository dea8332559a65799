using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Parley.Server.Hosting;

/// <summary>
/// A file of the UI (widget, Playground) compiled into the server assembly, so the binary carries its own
/// front end and nothing on disk can be out of step with it. Served with an ETag and revalidated on every
/// use, so a new server version reaches browsers at once.
/// </summary>
internal sealed class EmbeddedAsset
{
    private readonly byte[] _content;
    private readonly string _contentType;
    private readonly string _etag;

    private EmbeddedAsset(byte[] content, string contentType)
    {
        _content = content;
        _contentType = contentType;
        _etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
    }

    public static EmbeddedAsset Load(string logicalName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The resource '{logicalName}' is not embedded in the server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(copy.ToArray(), contentType);
    }

    public IResult Serve(HttpContext http, string? contentSecurityPolicy = null)
    {
        if (contentSecurityPolicy is not null)
            http.Response.Headers[HeaderNames.ContentSecurityPolicy] = contentSecurityPolicy;
        http.Response.Headers.ETag = _etag;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.Contains(_etag))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(_content, _contentType);
    }
}
