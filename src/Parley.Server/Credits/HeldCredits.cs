using Parley.Core.Workspaces;

namespace Parley.Server.Credits;

/// <summary>
/// Credits reserved for one turn. Their lease is renewed in the background until the turn settles them; if this
/// server dies first, the renewals stop, and <see cref="ExpiredCreditsWorker"/> on any server gives them back.
/// A turn that ends without settling (an unexpected error) is disposed, which stops the renewals too.
/// </summary>
public sealed class HeldCredits : IAsyncDisposable
{
    private readonly CreditReservation? _reservation;
    private readonly IWorkspaceStore? _workspaces;
    private readonly TimeSpan _lease;
    private readonly TimeProvider? _time;
    private readonly ILogger? _log;

    // A timer, not a loop awaiting one: most turns settle long before the first renewal, and a loop would cost
    // every turn an async state machine and a cancellation exception when it is stopped.
    private readonly ITimer? _timer;
    private Task _renewing = Task.CompletedTask;
    private int _stopped;

    private HeldCredits(CreditReservation? reservation, IWorkspaceStore? workspaces, TimeSpan lease, TimeProvider? time, ILogger? log)
    {
        (_reservation, _workspaces, _lease, _time, _log) = (reservation, workspaces, lease, time, log);
        if (reservation is not null)
            _timer = time!.CreateTimer(static state => ((HeldCredits)state!).Renew(), this, lease / 3, lease / 3);
    }

    /// <summary>A free turn: nothing reserved, nothing to settle.</summary>
    public static HeldCredits Nothing => new(null, null, TimeSpan.Zero, null, null);

    public decimal Amount => _reservation?.Amount ?? 0;

    internal static HeldCredits Renewing(CreditReservation reservation, IWorkspaceStore workspaces, TimeSpan lease, TimeProvider time, ILogger log) =>
        new(reservation, workspaces, lease, time, log);

    /// <summary>Keeps <paramref name="charged"/> of the reservation and gives back the rest. Not cancellable: the visitor may be gone.</summary>
    public async Task SettleAsync(decimal charged)
    {
        await StopRenewingAsync();
        if (_reservation is not null)
            await _workspaces!.SettleCreditsAsync(_reservation.Id, charged, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await StopRenewingAsync();

    private async Task StopRenewingAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0 && _timer is not null)
            await _timer.DisposeAsync();
        // A renewal already under way finishes before the reservation is settled, so it cannot outlive it.
        await Volatile.Read(ref _renewing);
    }

    private void Renew()
    {
        // Ticks do not overlap a renewal still running (a slow database): that one already extends the lease.
        if (Volatile.Read(ref _stopped) == 0 && Volatile.Read(ref _renewing).IsCompleted)
            Volatile.Write(ref _renewing, RenewAsync());
    }

    private async Task RenewAsync()
    {
        try
        {
            if (!await _workspaces!.RenewCreditReservationAsync(_reservation!.Id, _time!.GetUtcNow() + _lease, CancellationToken.None))
            {
                // This server stalled past the lease and the reservation was refunded: the turn is now free.
                _log!.LogWarning("The credit reservation {ReservationId} expired before its turn ended.", _reservation.Id);
                Interlocked.Exchange(ref _stopped, 1);
                _timer!.Dispose();
            }
        }
        catch (Exception e)
        {
            // The lease may lapse and the credits come back before the turn settles: the lesser harm.
            _log!.LogWarning(e, "Renewing the credit reservation {ReservationId} failed.", _reservation!.Id);
        }
    }
}
