namespace Parley.Client;

/// <summary>
/// The answer completed and was stored. It is the last event of a successful stream.
/// </summary>
/// <param name="ConversationId">Id of the conversation; pass it in the next <see cref="ChatRequest"/> to continue.</param>
/// <param name="AssistantMessageId">Id under which the server stored the answer.</param>
/// <param name="Citations">
/// The sources the answer drew on, or <see langword="null"/> when the server sent no citations
/// (the bot does not publish them).
/// </param>
public sealed record DoneEvent(
    string ConversationId,
    string AssistantMessageId,
    IReadOnlyList<Citation>? Citations = null) : ChatEvent;
