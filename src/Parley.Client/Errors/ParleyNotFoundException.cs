using System.Net;

namespace Parley.Client;

/// <summary>
/// HTTP 404: the bot does not exist.
/// </summary>
public sealed class ParleyNotFoundException : ParleyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The <c>error</c> code from the response body, if any.</param>
    /// <param name="message">The server's explanation.</param>
    public ParleyNotFoundException(string? error, string message)
        : base(HttpStatusCode.NotFound, error, message)
    {
    }
}
