namespace Parley.Server.RateLimiting;

/// <summary>
/// An exact sliding-window log per key. A key keeps at most <c>limit</c> timestamps, so memory is
/// bounded by the limits in use; keys idle for longer than their window are swept out.
/// </summary>
public sealed class InProcessRateLimiter(TimeProvider time) : IRateLimiter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _nextSweep;

    public ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, CancellationToken ct = default)
    {
        var now = time.GetTimestamp();
        var length = (long)(window.TotalSeconds * time.TimestampFrequency);
        lock (_lock)
        {
            SweepIfDue(now);

            var retryAfter = TimeSpan.Zero;
            foreach (var key in keys)
            {
                var hits = WindowOf(key, length).Hits;
                while (hits.Count > 0 && now - hits.Peek() >= length)
                    hits.Dequeue();
                if (hits.Count >= limit)
                {
                    var wait = time.GetElapsedTime(now, hits.Peek() + length);
                    retryAfter = wait > retryAfter ? wait : retryAfter;
                }
            }

            if (retryAfter > TimeSpan.Zero)
                return ValueTask.FromResult(new RateLimitDecision(false, retryAfter));

            foreach (var key in keys)
                _windows[key].Hits.Enqueue(now);
            return ValueTask.FromResult(RateLimitDecision.Allow);
        }
    }

    private Window WindowOf(string key, long length)
    {
        if (!_windows.TryGetValue(key, out var window))
            _windows[key] = window = new Window();
        window.Length = length;
        return window;
    }

    private void SweepIfDue(long now)
    {
        if (now < _nextSweep)
            return;
        _nextSweep = now + (long)(SweepEvery.TotalSeconds * time.TimestampFrequency);
        foreach (var (key, window) in _windows)
        {
            if (window.Hits.Count == 0 || now - window.Hits.Last() >= window.Length)
                _windows.Remove(key);
        }
    }

    private sealed class Window
    {
        public Queue<long> Hits { get; } = new();

        public long Length { get; set; }
    }
}
