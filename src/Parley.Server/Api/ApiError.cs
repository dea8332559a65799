using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Api;

/// <summary>
/// Every error this server returns before a stream starts: <c>{"error": code, "message": text, "field": name}</c>,
/// the shape the public Chat API documents, used on the admin API too so clients handle one shape.
/// </summary>
public sealed record ApiError(
    [property: JsonIgnore] int Status,
    string Error,
    string Message,
    string? Field = null,
    [property: JsonIgnore] TimeSpan? RetryAfter = null) : IResult
{
    public static ApiError Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, "invalid_request", message, field);

    public static ApiError NotFound(string error, string message) => new(StatusCodes.Status404NotFound, error, message);

    public static ApiError Forbidden(string error, string message) => new(StatusCodes.Status403Forbidden, error, message);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = "application/json; charset=utf-8";
        if (RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("error"u8, Error);
        json.WriteString("message"u8, Message);
        if (Field is not null)
            json.WriteString("field"u8, Field);
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
