using Dapper;
using Microsoft.Extensions.Logging;

namespace Parley.Storage.Postgres;

/// <summary>
/// Keeps the planner's statistics of the chunks table current while knowledge arrives: the lexical search orders a
/// question's terms by how common PostgreSQL's statistics say they are (<see cref="TermFrequencies"/>), and plans
/// other reads of a bot's chunks by its share of the table. Autovacuum analyzes only after a tenth of the table
/// has changed, which in a big deployment can leave a new bot unknown for a long time.
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
        TimeSpan wait;
        lock (_gate)
        {
            if (_scheduled)
                return;
            _scheduled = true;
            wait = Settle + (_last + Interval - time.GetUtcNow() is { Ticks: > 0 } cooling ? cooling : TimeSpan.Zero);
        }

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
        catch (ObjectDisposedException)
        {
            // The server stopped before the delay ran out; the next one to write chunks analyzes them.
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            lock (_gate)
                _scheduled = false;
            log.LogWarning(e, "Analyzing the chunks table failed; autovacuum will do it later.");
        }
    }
}
