using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.RateLimiting;

namespace Parley.Server.Chat.Admission;

/// <summary>A bot's message limit, counted per session and per client IP: a visitor cannot reset it with a new session id.</summary>
public sealed class RateLimitGuard(IRateLimiter limiter)
{
    public async Task<ApiError?> CheckAsync(Bot bot, ChatRequest request, HttpContext http)
    {
        if (bot.RateLimit is not { } limit)
            return null;

        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        string[] keys = [$"rl:{bot.Id}:session:{request.SessionId}", $"rl:{bot.Id}:ip:{ip}"];
        var decision = await limiter.TryAcquireAsync(keys, limit.MaxMessages, TimeSpan.FromSeconds(limit.WindowSeconds), http.RequestAborted);
        return decision.Allowed
            ? null
            : new ApiError(StatusCodes.Status429TooManyRequests, "rate_limited",
                $"This bot accepts {limit.MaxMessages} messages per {limit.WindowSeconds} seconds; try again later.",
                RetryAfter: decision.RetryAfter);
    }
}
