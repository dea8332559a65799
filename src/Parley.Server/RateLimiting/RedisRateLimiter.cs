using StackExchange.Redis;

namespace Parley.Server.RateLimiting;

/// <summary>
/// The same exact sliding-window log as <see cref="InProcessRateLimiter"/>, kept in Redis sorted sets so
/// every replica counts against one window. The check and the count run as one Lua script, which Redis
/// executes atomically, and the clock is Redis's own, so replicas with skewed clocks still agree.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, ILogger<RedisRateLimiter> log) : IRateLimiter
{
    // KEYS: the windows. ARGV: limit, window (µs), a member unique to this hit.
    // Returns 0 when the hit was counted, else the microseconds until the first full window frees a slot.
    private const string Script =
        """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local wait = 0
        for _, key in ipairs(KEYS) do
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          if redis.call('ZCARD', key) >= limit then
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            local free = window
            if oldest[2] then free = tonumber(oldest[2]) + window - now end
            if free > wait then wait = free end
          end
        end
        if wait > 0 then return wait end
        for _, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[3])
          redis.call('PEXPIRE', key, math.ceil(window / 1000))
        end
        return 0
        """;

    public async ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, CancellationToken ct = default)
    {
        long waitMicroseconds;
        try
        {
            // StackExchange.Redis sends the script once and then only its SHA (EVALSHA).
            waitMicroseconds = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                Script,
                keys.Select(k => new RedisKey("parley:" + k)).ToArray(),
                [limit, (long)(window.TotalMilliseconds * 1000), Guid.NewGuid().ToString("N")]);
        }
        catch (RedisException e)
        {
            // An unreachable Redis must not take the chat down with it: visitors are let through, uncounted, until it is back.
            log.LogWarning(e, "Redis did not answer the rate-limit check; allowing the request.");
            return RateLimitDecision.Allow;
        }

        return waitMicroseconds == 0
            ? RateLimitDecision.Allow
            : new RateLimitDecision(false, TimeSpan.FromMicroseconds(waitMicroseconds));
    }
}
