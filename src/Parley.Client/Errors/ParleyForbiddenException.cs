using System.Net;

namespace Parley.Client;

/// <summary>
/// HTTP 403: the request was understood but not allowed, for example a private or inactive bot,
/// an origin outside the bot's allowed domains, an expired trial or a rejected reCAPTCHA token.
/// </summary>
public sealed class ParleyForbiddenException : ParleyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The <c>error</c> code from the response body, if any.</param>
    /// <param name="message">The server's explanation.</param>
    public ParleyForbiddenException(string? error, string message)
        : base(HttpStatusCode.Forbidden, error, message)
    {
    }
}
