namespace Parley.Server.Bots;

/// <summary>Writes the refused-origin counts every <see cref="RefusedOrigins.FlushInterval"/>, and a last time when the server stops.</summary>
public sealed class RefusedOriginsWorker(RefusedOrigins refused, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefusedOrigins.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await refused.FlushAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await refused.FlushAsync();
    }
}
