namespace Parley.Client;

/// <summary>
/// The answer failed after the stream had started: the server ended it with an <see cref="ErrorEvent"/>.
/// Thrown by <see cref="ParleyChatClient.AskAsync"/>; <see cref="ParleyChatClient.StreamAsync"/> yields the event instead.
/// </summary>
public sealed class ParleyStreamException : ParleyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error code from the event, such as <see cref="ParleyErrorCodes.ServiceUnavailable"/>.</param>
    /// <param name="message">The server's explanation.</param>
    public ParleyStreamException(string error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The machine-readable error code from the event (see <see cref="ParleyErrorCodes"/>).</summary>
    public string Error { get; }

    /// <summary>The event's <see cref="ErrorEvent.Reason"/>: why it failed, on the authenticated endpoint only.</summary>
    public string? Reason { get; init; }

    /// <summary>The event's <see cref="ErrorEvent.Detail"/>: the reason in a sentence for the bot's owner.</summary>
    public string? Detail { get; init; }
}
