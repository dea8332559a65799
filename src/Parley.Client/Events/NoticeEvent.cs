namespace Parley.Client;

/// <summary>
/// A non-fatal condition the visitor or operator may want to know about; the answer continues.
/// </summary>
/// <param name="Code">Machine-readable code, such as <c>rag_unavailable</c>.</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record NoticeEvent(string Code, string Message) : ChatEvent;
