namespace Parley.Core.Conversations;

public sealed record Message(
    string Id,
    string ConversationId,
    MessageRole Role,
    string Content,
    IReadOnlyList<Citation> Citations,
    bool Interrupted,
    DateTimeOffset CreatedAt);
