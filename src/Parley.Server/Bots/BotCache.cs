using Microsoft.Extensions.Caching.Memory;
using Parley.Core.Bots;
using Parley.Core.Workspaces;

namespace Parley.Server.Bots;

/// <summary>
/// The bot and workspace every chat message needs, kept for a second so that a busy bot does not cost
/// two database reads per message. Changes made through this server take effect at once (the writers
/// call <see cref="Forget"/>); changes made through another replica within <see cref="Lifetime"/>.
/// </summary>
public sealed class BotCache(IBotStore bots, IWorkspaceStore workspaces) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<(Bot? Bot, Workspace? Workspace)> FindAsync(string botId, CancellationToken ct)
    {
        if (_cache.TryGetValue(botId, out (Bot, Workspace) cached))
            return cached;

        var bot = await bots.GetAsync(botId, ct);
        var workspace = bot is null ? null : await workspaces.GetAsync(bot.WorkspaceId, ct);
        if (bot is not null && workspace is not null)
            _cache.Set(botId, (bot, workspace), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return (bot, workspace);
    }

    /// <summary>After the bot, its settings or its knowledge changed.</summary>
    public void Forget(string botId) => _cache.Remove(botId);

    /// <summary>After a workspace changed: rare enough to forget every bot.</summary>
    public void ForgetAll() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
