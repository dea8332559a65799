using Dapper;
using Microsoft.Extensions.Logging;

namespace Parley.Storage.Postgres;

/// <summary>
/// Keeps the planner's statistics of the chunks table current while knowledge arrives. Until ANALYZE has seen a
/// bot's chunks, PostgreSQL guesses its share of the table and may read every one of its chunks through the bot
/// index instead of looking its question's terms up in the GIN index, which turns a 2 ms search into 30 ms; and
/// autovacuum, which analyzes after a tenth of the table has changed, may wait a long time in a big deployment.
/// So after chunks are written, the table is analyzed: a few seconds later, so a sync's burst of writes is seen
/// whole, and at most once a minute per server, with replicas taking turns on an advisory lock.
/// </summary>
internal sealed class ChunkStatistics(PostgresDatabase db, TimeProvider time, ILogger<ChunkStatistics> log)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // An arbitrary key naming "analyzing chunks" among advisory locks.
    private const long LockKey = 0x7061726c6579_02;

    private readonly Lock _gate = new();
    private bool _scheduled;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>Chunks were written: the table will be analyzed soon.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            if (_scheduled)
                return;
            _scheduled = true;
        }

        var wait = Settle + (_last + Interval - time.GetUtcNow() is { Ticks: > 0 } cooling ? cooling : TimeSpan.Zero);
        _ = AnalyzeAfterAsync(wait);
    }

    private async Task AnalyzeAfterAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, time);
            lock (_gate)
            {
                // Writes from now on schedule the next run; this one covers what came before.
                _scheduled = false;
                _last = time.GetUtcNow();
            }

            await db.ReadAsync(async c =>
            {
                if (await c.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@LockKey)", new { LockKey }))
                {
                    try
                    {
                        await c.ExecuteAsync("ANALYZE chunks", commandTimeout: 600);
                    }
                    finally
                    {
                        await c.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
                    }
                }

                return true;
            });
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            lock (_gate)
                _scheduled = false;
            log.LogWarning(e, "Analyzing the chunks table failed; autovacuum will do it later.");
        }
    }
}
