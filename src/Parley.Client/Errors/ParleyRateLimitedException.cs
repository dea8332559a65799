using System.Net;

namespace Parley.Client;

/// <summary>
/// HTTP 429: the session or the client address sent more messages than the bot's rate limit allows.
/// </summary>
public sealed class ParleyRateLimitedException : ParleyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The <c>error</c> code from the response body, if any.</param>
    /// <param name="message">The server's explanation.</param>
    /// <param name="retryAfter">How long to wait before trying again, from the <c>Retry-After</c> header.</param>
    public ParleyRateLimitedException(string? error, string message, TimeSpan? retryAfter)
        : base(HttpStatusCode.TooManyRequests, error, message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// How long to wait before sending again, or <see langword="null"/> when the response had no usable
    /// <c>Retry-After</c> header.
    /// </summary>
    public TimeSpan? RetryAfter { get; }
}
