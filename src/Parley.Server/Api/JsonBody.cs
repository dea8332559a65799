using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Api;

/// <summary>
/// Reads a request body as one JSON object, so that handlers can report exactly which field is wrong
/// instead of a generic binding failure.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 256 * 1024;

    public static async Task<(JsonDocument? Document, ApiError? Error)> ReadObjectAsync(
        HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        // Kestrel enforces the limit while the body streams in, so an oversized body is never buffered whole.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, ct);
        }
        catch (JsonException)
        {
            return (null, Malformed("The request body is not valid JSON."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Malformed("The request body must be a JSON object."));
        }

        return (document, null);
    }

    private static ApiError Malformed(string message) => new(StatusCodes.Status400BadRequest, "malformed_json", message);

    private static ApiError TooLarge(int maxBytes) =>
        new(StatusCodes.Status400BadRequest, "request_too_large", $"The request body is larger than {maxBytes / 1024} KiB.");
}
