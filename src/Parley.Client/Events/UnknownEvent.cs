namespace Parley.Client;

/// <summary>
/// An event whose type this version of the SDK does not know, passed through so that
/// a newer server does not break older clients.
/// </summary>
/// <param name="Type">The event's <c>type</c> value.</param>
/// <param name="RawJson">The event's JSON exactly as received.</param>
public sealed record UnknownEvent(string Type, string RawJson) : ChatEvent;
