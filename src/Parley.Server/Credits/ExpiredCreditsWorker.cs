using Microsoft.Extensions.Options;
using Parley.Core.Workspaces;

namespace Parley.Server.Credits;

/// <summary>
/// Gives back the credits of turns whose server died mid-turn: their reservations stop being renewed, and once
/// the lease runs out any server's worker (every replica runs one; each reservation is refunded once) returns them.
/// What such a turn costs: nothing. The visitor got at most part of an answer, which was never stored and which
/// their widget asks again elsewhere, so charging for it would bill the deployment's failure to the workspace.
/// </summary>
public sealed class ExpiredCreditsWorker(
    IWorkspaceStore workspaces,
    IOptions<CreditOptions> options,
    TimeProvider time,
    ILogger<ExpiredCreditsWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Twice per lease, and at least every 30 s: a dead turn's credits come back within a lease and a half.
        var interval = TimeSpan.FromSeconds(Math.Min(options.Value.ReservationLeaseSeconds / 2.0, 30));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            var refunded = await workspaces.RefundExpiredCreditsAsync(time.GetUtcNow(), stoppingToken);
            if (refunded > 0)
                log.LogInformation("Refunded {Count} credit reservations of turns that never finished.", refunded);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning(e, "Refunding expired credit reservations failed; retrying at the next sweep.");
        }
    }
}
