using System.Text.Json.Serialization;
using Parley.Core.Conversations;

namespace Parley.Server.Conversations;

public sealed record ConversationResponse(
    string Id,
    string BotId,
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MessageResponse>? Messages)
{
    public static ConversationResponse From(Conversation c, IReadOnlyList<Message>? messages = null) =>
        new(c.Id, c.BotId, c.SessionId, c.CreatedAt, c.UpdatedAt, messages?.Select(MessageResponse.From).ToList());
}

public sealed record MessageResponse(
    string Id,
    string Role,
    string Content,
    IReadOnlyList<Citation> Citations,
    bool Interrupted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageResponse? Usage,
    DateTimeOffset CreatedAt)
{
    public static MessageResponse From(Message m) =>
        new(m.Id, m.Role == MessageRole.User ? "user" : "assistant", m.Content, m.Citations, m.Interrupted,
            m.Usage is { } u ? new UsageResponse(u.InputTokens, u.OutputTokens, u.Credits) : null, m.CreatedAt);
}

/// <summary>What an answer consumed: the model's tokens read and written, and the credits charged for it.</summary>
public sealed record UsageResponse(int InputTokens, int OutputTokens, decimal Credits);
