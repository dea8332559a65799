namespace Parley.Client;

/// <summary>
/// The answer failed after the stream had started. It is the last event of a failed stream.
/// </summary>
/// <param name="Error">Machine-readable code, such as <see cref="ParleyErrorCodes.ServiceUnavailable"/>.</param>
/// <param name="Message">Human-readable explanation, fit to show a visitor.</param>
public sealed record ErrorEvent(string Error, string Message) : ChatEvent
{
    /// <summary>
    /// Why the answer failed, such as <c>credits_exhausted</c> or <c>provider_key_refused</c>: sent only on the
    /// authenticated endpoint (<see cref="ParleyChatEndpoint.Authenticated"/>), for the bot's owner; null otherwise.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>The reason in one sentence for the bot's owner, never for a visitor; null when there is no reason.</summary>
    public string? Detail { get; init; }
}
