namespace Parley.Server.Widget;

/// <summary>
/// A visitor's vote on an answer, for the OpenAPI document: the answer is named by the ids the chat stream's
/// <c>done</c> event gave, and the vote counts only from the session that holds the conversation.
/// </summary>
public sealed record FeedbackRequest(string BotId, string SessionId, string ConversationId, string MessageId, string Rating);
