using System.Collections.Concurrent;
using Parley.Core.Bots;

namespace Parley.Server.Bots;

/// <summary>
/// Counts the sites each bot refuses (see <see cref="Chat.Admission.OriginGuard"/>), so the owner learns which of
/// their pages the allowed domains forgot. A refusal only bumps a counter in memory; the counts go to the database
/// in one write every <see cref="FlushInterval"/> (by <see cref="RefusedOriginsWorker"/>) or when an owner asks for
/// them, so a flood of refused requests costs no database write each. Anyone can send any <c>Origin</c>, so
/// everything is bounded: at most <see cref="MaxPending"/> distinct sites wait here between writes, and the
/// database keeps per bot only the <see cref="KeepEach"/> sites refused most often and the <see cref="KeepEach"/>
/// refused most recently.
/// </summary>
public sealed class RefusedOrigins(IRefusedOriginStore store, TimeProvider time, ILogger<RefusedOrigins> log)
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    public const int MaxPending = 10_000;
    public const int KeepEach = 25;

    private readonly Lock _gate = new();
    private Task _flushed = Task.CompletedTask;
    private ConcurrentDictionary<(string BotId, string Origin), Tally> _pending = new();
    private int _size;

    /// <summary>
    /// The site as it is stored and shown, <c>scheme://host[:port]</c> with the host as an allowed-domain entry writes
    /// it (lower case, punycode, the port only when it is not the scheme's default); null for what no entry could allow.
    /// </summary>
    public static string? OriginOf(Uri page) =>
        AllowedDomain.Parse(page.GetLeftPart(UriPartial.Authority)) is { } domain ? $"{page.Scheme}://{domain}" : null;

    public void Record(string botId, Uri page)
    {
        if (OriginOf(page) is not { } origin)
            return;
        var pending = _pending;
        if (!pending.TryGetValue((botId, origin), out var tally))
        {
            if (Volatile.Read(ref _size) >= MaxPending)
                return;
            tally = pending.GetOrAdd((botId, origin), _ =>
            {
                Interlocked.Increment(ref _size);
                return new Tally();
            });
        }

        tally.Add(time.GetUtcNow());
    }

    /// <summary>Writes the counts gathered until now; returns once they are stored (or, failing that, dropped).</summary>
    public Task FlushAsync()
    {
        // One write at a time, in order: a caller returns only after every count recorded before its call is stored.
        lock (_gate)
            return _flushed = FlushAfterAsync(_flushed);
    }

    private async Task FlushAfterAsync(Task previous)
    {
        await previous;
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(string BotId, string Origin), Tally>());
        Volatile.Write(ref _size, 0);
        if (batch.IsEmpty)
            return;
        var counts = batch.Select(e => new RefusedOrigin(e.Key.BotId, e.Key.Origin, e.Value.Count, e.Value.LastSeen)).ToList();
        try
        {
            await store.AddAsync(counts, KeepEach);
        }
        catch (Exception e)
        {
            // The counts only inform the owner: losing one interval's worth is better than holding them without bound.
            log.LogWarning(e, "Storing {Count} refused-origin counts failed; they are dropped.", counts.Count);
        }
    }

    private sealed class Tally
    {
        private long _count;
        private long _lastSeen;

        public long Count => Interlocked.Read(ref _count);

        public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeen), TimeSpan.Zero);

        public void Add(DateTimeOffset now)
        {
            Interlocked.Increment(ref _count);
            long seen;
            while ((seen = Interlocked.Read(ref _lastSeen)) < now.UtcTicks && Interlocked.CompareExchange(ref _lastSeen, now.UtcTicks, seen) != seen)
            {
            }
        }
    }
}
