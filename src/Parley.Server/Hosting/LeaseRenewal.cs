namespace Parley.Server.Hosting;

/// <summary>
/// Keeps a lease alive while its holder works: calls <c>renew</c> every third of the lease, never two at once,
/// until stopped. A timer rather than a loop awaiting one: most holders (a chat turn) stop before the first
/// renewal, and a stopped loop would cost each of them an async state machine and a cancellation exception.
/// <c>renew</c> returns false when the lease is already lost, which ends the renewals.
/// </summary>
public sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly Func<Task<bool>> _renew;
    private readonly ITimer _timer;
    private Task _renewing = Task.CompletedTask;
    private int _stopped;

    public LeaseRenewal(TimeSpan lease, TimeProvider time, Func<Task<bool>> renew)
    {
        _renew = renew;
        _timer = time.CreateTimer(static state => ((LeaseRenewal)state!).Tick(), this, lease / 3, lease / 3);
    }

    /// <summary>Stops renewing; a renewal already under way finishes first, so none outlives the lease's release.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
            await _timer.DisposeAsync();
        await Volatile.Read(ref _renewing);
    }

    private void Tick()
    {
        // A renewal still running (a slow store) already extends the lease.
        if (Volatile.Read(ref _stopped) == 0 && Volatile.Read(ref _renewing).IsCompleted)
            Volatile.Write(ref _renewing, RenewAsync());
    }

    private async Task RenewAsync()
    {
        if (!await _renew() && Interlocked.Exchange(ref _stopped, 1) == 0)
            await _timer.DisposeAsync();
    }
}
