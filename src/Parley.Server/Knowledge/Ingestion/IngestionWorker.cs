using Microsoft.Extensions.Options;
using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// Takes sync jobs from the persisted queue and runs them, renewing each job's lease while it works. A
/// job whose worker dies (a crash, a killed replica) is taken up again by any worker once its lease runs
/// out, and resumes where it stopped. Sources with a sync interval are queued again when they are due.
/// </summary>
public sealed class IngestionWorker(
    IIngestionStore ingestion,
    IServiceProvider services,
    IngestionSignal signal,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionWorker> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private readonly string _name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(i => WorkAsync($"{_name}#{i}", stoppingToken)));

    private async Task WorkAsync(string worker, CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ingestion.EnqueueDueAsync(time.GetUtcNow(), stoppingToken);
                var job = await ingestion.ClaimAsync(worker, lease, stoppingToken);
                if (job is null)
                    await signal.WaitAsync(Idle, stoppingToken);
                else
                    await RunAsync(job, worker, lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The ingestion worker failed; retrying shortly.");
                await Task.Delay(Idle, stoppingToken);
            }
        }
    }

    private async Task RunAsync(IngestionJob job, string worker, TimeSpan lease, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(job, worker, lease, lost);
        try
        {
            await services.GetRequiredService<SourceSync>().RunAsync(job, lost.Token);
            await ingestion.FinishAsync(job, error: null, time.GetUtcNow(), stoppingToken);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // Shutting down, or the lease went to another worker: the job resumes there, or here after a restart.
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Syncing source {SourceId} failed.", job.SourceId);
            await ingestion.FinishAsync(job, e.Message, time.GetUtcNow(), stoppingToken);
        }
        finally
        {
            await lost.CancelAsync();
            await renewing;
        }
    }

    private Task RenewAsync(IngestionJob job, string worker, TimeSpan lease, CancellationTokenSource lost) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                if (!await ingestion.RenewAsync(job, worker, lease, lost.Token))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    });
}
