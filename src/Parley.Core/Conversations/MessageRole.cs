namespace Parley.Core.Conversations;

public enum MessageRole
{
    User,
    Assistant,
}
