namespace Parley.Core.Conversations;

/// <summary>A question and its answer, stored together so a conversation never holds half a turn.</summary>
public sealed record Turn(Conversation Conversation, Message Question, Message Answer, TurnUsage Usage);
