namespace Parley.Client;

/// <summary>
/// The answer failed after the stream had started. It is the last event of a failed stream.
/// </summary>
/// <param name="Error">Machine-readable code, such as <see cref="ParleyErrorCodes.ServiceUnavailable"/>.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record ErrorEvent(string Error, string Message) : ChatEvent;
