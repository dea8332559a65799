namespace Parley.Client;

/// <summary>
/// Progress of the answer before text arrives.
/// </summary>
/// <param name="Stage">The stage the server entered, such as <c>retrieving</c> or <c>generating</c>.</param>
public sealed record StatusEvent(string Stage) : ChatEvent;
