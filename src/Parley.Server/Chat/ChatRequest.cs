namespace Parley.Server.Chat;

/// <summary>A visitor's message, as posted to the Chat API.</summary>
public sealed record ChatRequest(string BotId, string Message, string SessionId, string? ConversationId = null, string? RecaptchaToken = null);
