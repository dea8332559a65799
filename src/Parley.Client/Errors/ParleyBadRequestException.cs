using System.Net;

namespace Parley.Client;

/// <summary>
/// HTTP 400: the request was not valid, for example a missing or too long field,
/// a conversation that cannot be continued, or a missing reCAPTCHA token.
/// </summary>
public sealed class ParleyBadRequestException : ParleyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The <c>error</c> code from the response body, if any.</param>
    /// <param name="message">The server's explanation.</param>
    /// <param name="field">The request field the server objected to, if it named one.</param>
    public ParleyBadRequestException(string? error, string message, string? field = null)
        : base(HttpStatusCode.BadRequest, error, message, field)
    {
    }
}
