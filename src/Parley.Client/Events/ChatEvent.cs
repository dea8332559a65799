namespace Parley.Client;

/// <summary>
/// One event of a streamed answer. Match on the derived records:
/// <see cref="StatusEvent"/>, <see cref="ContentEvent"/>, <see cref="ReplaceEvent"/>, <see cref="NoticeEvent"/>,
/// and finally exactly one <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>.
/// Event types this SDK does not know arrive as <see cref="UnknownEvent"/>.
/// </summary>
public abstract record ChatEvent
{
    // The set of events is the wire protocol's; only this assembly defines them.
    private protected ChatEvent()
    {
    }
}
