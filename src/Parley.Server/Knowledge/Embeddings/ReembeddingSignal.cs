namespace Parley.Server.Knowledge.Embeddings;

/// <summary>Wakes this server's re-embedding worker when a bot changes its embedding model, rather than at the next poll.</summary>
public sealed class ReembeddingSignal : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);

    public void ModelChanged()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers any number of changes.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _changed.WaitAsync(timeout, ct);

    public void Dispose() => _changed.Dispose();
}
