using System.Net;

namespace Parley.Client;

/// <summary>
/// The server refused the request with an HTTP error before any event was streamed.
/// The common statuses have their own subclasses; others (such as 500 or 503) arrive as this type.
/// </summary>
public class ParleyApiException : ParleyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="error">The <c>error</c> code from the response body, or <see langword="null"/> when the body had none.</param>
    /// <param name="message">The server's explanation, or a description of the status when the body had none.</param>
    /// <param name="field">The request field the server objected to, if it named one.</param>
    public ParleyApiException(HttpStatusCode statusCode, string? error, string message, string? field = null)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
        Field = field;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The machine-readable code from the response body (see <see cref="ParleyErrorCodes"/>),
    /// or <see langword="null"/> when the body was not a Parley error document (for example a proxy's error page).
    /// </summary>
    public string? Error { get; }

    /// <summary>The request field the server objected to, or <see langword="null"/>.</summary>
    public string? Field { get; }
}
