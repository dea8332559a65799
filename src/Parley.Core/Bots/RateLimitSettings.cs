namespace Parley.Core.Bots;

/// <summary>At most <see cref="MaxMessages"/> messages per <see cref="WindowSeconds"/>, per session and per client IP.</summary>
public sealed record RateLimitSettings(int MaxMessages, int WindowSeconds);
