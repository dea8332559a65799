namespace Parley.Client;

/// <summary>
/// A bot's complete answer, as assembled by <see cref="ParleyChatClient.AskAsync"/> from the event stream.
/// </summary>
/// <param name="Text">
/// The final answer text: the streamed content, or the last replacement when the server sent one.
/// </param>
/// <param name="ConversationId">Id of the conversation; pass it in the next <see cref="ChatRequest"/> to continue.</param>
/// <param name="AssistantMessageId">Id under which the server stored this answer.</param>
/// <param name="Citations">
/// The sources the answer drew on, or <see langword="null"/> when the bot does not publish citations.
/// </param>
/// <param name="Notices">Non-fatal notices the server sent while answering, in order of arrival.</param>
public sealed record ChatAnswer(
    string Text,
    string ConversationId,
    string AssistantMessageId,
    IReadOnlyList<Citation>? Citations,
    IReadOnlyList<NoticeEvent> Notices);
