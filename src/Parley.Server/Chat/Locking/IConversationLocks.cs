namespace Parley.Server.Chat.Locking;

/// <summary>
/// One turn at a time per conversation: a second message sent while the first is still being answered
/// waits for it, so it is answered with the first turn in its history and the two never interleave.
/// In-process on one server, in Redis across replicas.
/// </summary>
public interface IConversationLocks
{
    /// <summary>Waits until the conversation is free and takes it; disposing the result frees it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken ct);
}
