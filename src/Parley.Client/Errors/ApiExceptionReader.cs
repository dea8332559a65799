using System.Net;
using System.Text.Json;

namespace Parley.Client;

/// <summary>
/// Builds the typed exception for an HTTP error response from its status, body and headers.
/// </summary>
internal static class ApiExceptionReader
{
    public static async Task<ParleyApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var error = body?.Error;
        var field = body?.Field;
        var message = string.IsNullOrWhiteSpace(body?.Message)
            ? $"The Parley server answered {(int)response.StatusCode} {response.ReasonPhrase}."
            : body.Message;

        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => new ParleyBadRequestException(error, message, field),
            HttpStatusCode.Unauthorized => new ParleyUnauthorizedException(error, message),
            HttpStatusCode.Forbidden => new ParleyForbiddenException(error, message),
            HttpStatusCode.NotFound => new ParleyNotFoundException(error, message),
            HttpStatusCode.TooManyRequests => new ParleyRateLimitedException(error, message, ReadRetryAfter(response)),
            _ => new ParleyApiException(response.StatusCode, error, message, field),
        };
    }

    // A proxy or a crashed server may answer with HTML or nothing at all; the status alone must still make an exception.
    private static async Task<ApiErrorBody?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, ParleyJsonContext.Default.ApiErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
