using System.Net;

namespace Parley.Client;

/// <summary>
/// HTTP 401: the endpoint needs an API key and none, or an invalid one, was sent.
/// </summary>
public sealed class ParleyUnauthorizedException : ParleyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The <c>error</c> code from the response body, if any.</param>
    /// <param name="message">The server's explanation.</param>
    public ParleyUnauthorizedException(string? error, string message)
        : base(HttpStatusCode.Unauthorized, error, message)
    {
    }
}
