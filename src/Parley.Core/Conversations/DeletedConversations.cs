namespace Parley.Core.Conversations;

/// <summary>What a deletion of conversations removed: the conversations, their messages and the votes on them.</summary>
public sealed record DeletedConversations(int Conversations, int Messages, int Feedback)
{
    public static DeletedConversations None { get; } = new(0, 0, 0);

    public DeletedConversations Plus(DeletedConversations other) =>
        new(Conversations + other.Conversations, Messages + other.Messages, Feedback + other.Feedback);
}
