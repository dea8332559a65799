using Parley.Server.Hosting;
using StackExchange.Redis;

namespace Parley.Server.Chat.Locking;

/// <summary>
/// A conversation's turn lock in Redis (<c>SET NX PX</c> with a token only the holder knows), shared by
/// every replica. The holder renews the lease while its turn runs; if its replica dies, the lease runs
/// out and the next turn proceeds. Waiters poll briefly: turns are seconds long, contention is rare.
/// </summary>
public sealed class RedisConversationLocks(IConnectionMultiplexer redis, ILogger<RedisConversationLocks> log) : IConversationLocks
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    // Deletes or extends the lock only if it is still ours, in one atomic step.
    private const string Release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
    private const string Renew = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken ct)
    {
        var key = new RedisKey($"parley:turn:{conversationId}");
        var token = Guid.NewGuid().ToString("N");
        var db = redis.GetDatabase();
        while (!await db.StringSetAsync(key, token, Lease, When.NotExists))
            await Task.Delay(Poll, ct);
        return new Held(db, key, token, log);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly IDatabase _db;
        private readonly RedisKey _key;
        private readonly string _token;
        private readonly ILogger _log;
        private readonly LeaseRenewal _renewal;

        public Held(IDatabase db, RedisKey key, string token, ILogger log)
        {
            (_db, _key, _token, _log) = (db, key, token, log);
            _renewal = new LeaseRenewal(Lease, TimeProvider.System, RenewAsync);
        }

        public async ValueTask DisposeAsync()
        {
            await _renewal.DisposeAsync();
            await _db.ScriptEvaluateAsync(Release, [_key], [_token]);
        }

        private async Task<bool> RenewAsync()
        {
            try
            {
                await _db.ScriptEvaluateAsync(Renew, [_key], [_token, (long)Lease.TotalMilliseconds]);
            }
            catch (RedisException e)
            {
                _log.LogWarning(e, "Renewing a conversation turn lock failed.");
            }

            return true;
        }
    }
}
