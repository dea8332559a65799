namespace Parley.Server.Knowledge.Ingestion;

/// <summary>Wakes the workers of this server when a job is queued, so a new source starts at once rather than at the next poll.</summary>
public sealed class IngestionSignal : IDisposable
{
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);

    public void JobQueued() => _queued.Release();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _queued.WaitAsync(timeout, ct);
    }

    public void Dispose() => _queued.Dispose();
}
