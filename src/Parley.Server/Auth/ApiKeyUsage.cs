using System.Collections.Concurrent;
using Parley.Core.Workspaces;

namespace Parley.Server.Auth;

/// <summary>
/// Records when each workspace key was last used without making every call a database write: a key's
/// <c>last_used_at</c> is written only when the stored one is a minute old or more, and at most once a minute
/// by this server however many calls arrive at once. Every replica reads the stored time with the key, so the
/// whole deployment writes about once a minute per busy key.
/// </summary>
public sealed class ApiKeyUsage(IWorkspaceStore store, TimeProvider time, ILogger<ApiKeyUsage> log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);

    public async ValueTask RecordAsync(ApiKey key)
    {
        var now = time.GetUtcNow();
        if (key.LastUsedAt is { } stored && now - stored < Interval)
            return;

        // Of the calls that find the stored time old, only the one that moves this server's own mark writes.
        var previous = _written.GetOrAdd(key.Id, 0);
        if (now.UtcTicks - previous < Interval.Ticks || !_written.TryUpdate(key.Id, now.UtcTicks, previous))
            return;

        try
        {
            await store.RecordApiKeyUseAsync(key.Id, now);
        }
        catch (Exception e)
        {
            // Only bookkeeping: the call itself goes on.
            log.LogWarning(e, "Recording the use of API key {KeyId} failed.", key.Id);
        }
    }

    /// <summary>A revoked key needs no mark.</summary>
    public void Forget(string keyId) => _written.TryRemove(keyId, out _);
}
