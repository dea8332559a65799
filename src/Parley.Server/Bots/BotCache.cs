using Microsoft.Extensions.Caching.Memory;
using Parley.Core.Bots;
using Parley.Core.Workspaces;

namespace Parley.Server.Bots;

/// <summary>
/// The bot and workspace every chat message needs, kept so that a busy bot does not cost two database reads
/// per message. Whoever changes a bot, its workspace or its knowledge calls <see cref="ForgetAsync"/>, which
/// drops the entry here and, through <see cref="IBotChanges"/>, on every replica; how long entries live
/// depends on whether changes are pushed (see <see cref="IBotChanges.CacheLifetime"/>).
/// </summary>
public sealed class BotCache : IDisposable
{
    private readonly IBotStore _bots;
    private readonly IWorkspaceStore _workspaces;
    private readonly IBotChanges _changes;
    private static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly MemoryCache _recentlyForgotten = new(new MemoryCacheOptions());

    // Moves on every change heard of, so a read that started before a change is not cached after it.
    private long _generation;

    public BotCache(IBotStore bots, IWorkspaceStore workspaces, IBotChanges changes)
    {
        (_bots, _workspaces, _changes) = (bots, workspaces, changes);
        changes.Subscribe(Drop);
    }

    public async ValueTask<(Bot? Bot, Workspace? Workspace)> FindAsync(string botId, CancellationToken ct)
    {
        if (_cache.TryGetValue(botId, out (Bot, Workspace) cached))
            return cached;

        var generation = Interlocked.Read(ref _generation);
        var bot = await _bots.GetAsync(botId, ct);
        var workspace = bot is null ? null : await _workspaces.GetAsync(bot.WorkspaceId, ct);
        if (bot is not null && workspace is not null && generation == Interlocked.Read(ref _generation))
            _cache.Set(botId, (bot, workspace), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _changes.CacheLifetime, Size = 1 });
        return (bot, workspace);
    }

    /// <summary>After the bot, its settings or its knowledge changed: returns once every replica is told.</summary>
    public Task ForgetAsync(string botId)
    {
        Drop(botId);
        return _changes.PublishAsync(botId);
    }

    /// <summary>
    /// For the many small knowledge changes of a sync in progress (a crawled page, a batch re-embedded): forgets the
    /// bot at most once a second, so answers see new pages within a second without every page making every replica
    /// rebuild the bot's search index. The sync's end forgets it with <see cref="ForgetAsync"/>.
    /// </summary>
    public Task ForgetThrottledAsync(string botId)
    {
        if (_recentlyForgotten.TryGetValue(botId, out _))
            return Task.CompletedTask;
        _recentlyForgotten.Set(botId, true, Throttle);
        return ForgetAsync(botId);
    }

    /// <summary>After a workspace changed: rare enough to forget every bot.</summary>
    public Task ForgetAllAsync()
    {
        Drop(null);
        return _changes.PublishAsync(null);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _recentlyForgotten.Dispose();
    }

    private void Drop(string? botId)
    {
        Interlocked.Increment(ref _generation);
        if (botId is null)
            _cache.Clear();
        else
            _cache.Remove(botId);
    }
}
