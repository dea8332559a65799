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
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing = Task.CompletedTask;

    private HeldCredits(CreditReservation? reservation, IWorkspaceStore? workspaces, TimeSpan lease, TimeProvider? time, ILogger? log)
    {
        (_reservation, _workspaces) = (reservation, workspaces);
        if (reservation is not null)
            _renewing = RenewAsync(lease, time!, log!);
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

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _stop.Dispose();
    }

    private async Task StopRenewingAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        await _renewing;
    }

    private async Task RenewAsync(TimeSpan lease, TimeProvider time, ILogger log)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await _workspaces!.RenewCreditReservationAsync(_reservation!.Id, time.GetUtcNow() + lease, _stop.Token))
                {
                    // This server stalled past the lease and the reservation was refunded: the turn is now free.
                    log.LogWarning("The credit reservation {ReservationId} expired before its turn ended.", _reservation.Id);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The lease may lapse and the credits come back before the turn settles: the lesser harm.
            log.LogWarning(e, "Renewing the credit reservation {ReservationId} failed.", _reservation!.Id);
        }
    }
}
