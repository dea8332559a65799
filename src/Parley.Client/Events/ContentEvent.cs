namespace Parley.Client;

/// <summary>
/// A chunk of answer text, to be appended to the chunks before it.
/// </summary>
/// <param name="Content">The text chunk.</param>
public sealed record ContentEvent(string Content) : ChatEvent;
