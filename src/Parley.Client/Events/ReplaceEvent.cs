namespace Parley.Client;

/// <summary>
/// The full answer text, superseding everything streamed so far
/// (sent when the server rewrites the answer after generating it).
/// </summary>
/// <param name="Content">The text that replaces the answer so far.</param>
public sealed record ReplaceEvent(string Content) : ChatEvent;
