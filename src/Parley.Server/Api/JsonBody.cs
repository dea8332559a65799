using System.Text.Json;

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

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return (null, Malformed("The request body is not valid JSON."));
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
