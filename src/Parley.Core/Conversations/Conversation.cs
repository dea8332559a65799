namespace Parley.Core.Conversations;

/// <summary>A visitor's exchange with one bot, bound to the session that started it.</summary>
public sealed record Conversation(
    string Id,
    string BotId,
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
