namespace Parley.Client;

/// <summary>
/// The server's response did not follow the chat stream protocol: it was not an event stream,
/// an event was not valid JSON or lacked a required field, or the stream ended without a final event.
/// This points at a server bug or something in between (such as a proxy), not at the request.
/// </summary>
public sealed class ParleyProtocolException : ParleyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the response.</param>
    /// <param name="innerException">The parsing failure, if any.</param>
    public ParleyProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
