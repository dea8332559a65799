namespace Parley.Server.Chat.Locking;

/// <summary>A semaphore per conversation in use, dropped when nobody holds or waits for it.</summary>
public sealed class InProcessConversationLocks : IConversationLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken ct)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(conversationId, out entry!))
                _entries[conversationId] = entry = new Entry();
            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(conversationId, entry);
            throw;
        }

        return new Held(this, conversationId, entry);
    }

    private void Leave(string conversationId, Entry entry)
    {
        lock (_lock)
        {
            if (--entry.Users == 0)
                _entries.Remove(conversationId);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(InProcessConversationLocks owner, string conversationId, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(conversationId, entry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
