using Parley.Core.Conversations;

namespace Parley.Server.Chat;

/// <summary>
/// A visitor's message, as posted to the Chat API. <paramref name="Channel"/> is read on the authenticated endpoint
/// only (the Playground marks its chats); a public request is always <see cref="ConversationChannel.Public"/>.
/// </summary>
public sealed record ChatRequest(
    string BotId,
    string Message,
    string SessionId,
    string? ConversationId = null,
    string? RecaptchaToken = null,
    ConversationChannel Channel = ConversationChannel.Public);
