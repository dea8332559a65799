using Parley.Core.Workspaces;
using Parley.Server.Hosting;

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
    private readonly LeaseRenewal? _renewal;

    private HeldCredits(CreditReservation? reservation, IWorkspaceStore? workspaces, TimeSpan lease, TimeProvider? time, ILogger? log)
    {
        (_reservation, _workspaces) = (reservation, workspaces);
        if (reservation is not null)
            _renewal = new LeaseRenewal(lease, time!, () => RenewAsync(reservation, workspaces!, lease, time!, log!));
    }

    /// <summary>A free turn: nothing reserved, nothing to settle.</summary>
    public static HeldCredits Nothing => new(null, null, TimeSpan.Zero, null, null);

    public decimal Amount => _reservation?.Amount ?? 0;

    internal static HeldCredits Renewing(CreditReservation reservation, IWorkspaceStore workspaces, TimeSpan lease, TimeProvider time, ILogger log) =>
        new(reservation, workspaces, lease, time, log);

    /// <summary>Keeps <paramref name="charged"/> of the reservation and gives back the rest. Not cancellable: the visitor may be gone.</summary>
    public async Task SettleAsync(decimal charged)
    {
        await DisposeAsync();
        if (_reservation is not null)
            await _workspaces!.SettleCreditsAsync(_reservation.Id, charged, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_renewal is not null)
            await _renewal.DisposeAsync();
    }

    private static async Task<bool> RenewAsync(CreditReservation reservation, IWorkspaceStore workspaces, TimeSpan lease, TimeProvider time, ILogger log)
    {
        try
        {
            if (await workspaces.RenewCreditReservationAsync(reservation.Id, time.GetUtcNow() + lease, CancellationToken.None))
                return true;
            // This server stalled past the lease and the reservation was refunded: the turn is now free.
            log.LogWarning("The credit reservation {ReservationId} expired before its turn ended.", reservation.Id);
            return false;
        }
        catch (Exception e)
        {
            // The lease may lapse and the credits come back before the turn settles: the lesser harm.
            log.LogWarning(e, "Renewing the credit reservation {ReservationId} failed.", reservation.Id);
            return true;
        }
    }
}
