using Microsoft.Extensions.Options;
using Parley.Core.Workspaces;

namespace Parley.Server.Credits;

/// <summary>Takes a turn's credits up front as a durable reservation under a lease (see <see cref="HeldCredits"/>).</summary>
public sealed class CreditReservations(IWorkspaceStore workspaces, IOptions<CreditOptions> options, TimeProvider time, ILogger<HeldCredits> log)
{
    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.ReservationLeaseSeconds);

    /// <summary>The credits held for the turn, or null if the workspace has not that many left.</summary>
    public async Task<HeldCredits?> TryReserveAsync(string workspaceId, decimal amount, CancellationToken ct)
    {
        if (amount <= 0)
            return HeldCredits.Nothing;
        var reservation = new CreditReservation(Guid.CreateVersion7().ToString(), workspaceId, amount, time.GetUtcNow() + Lease);
        return await workspaces.TryReserveCreditsAsync(reservation, ct)
            ? HeldCredits.Renewing(reservation, workspaces, Lease, time, log)
            : null;
    }

    /// <summary>The workspace as it is now, to tell its owner how many credits are left when a reservation failed.</summary>
    public Task<Workspace?> CurrentAsync(string workspaceId, CancellationToken ct) => workspaces.GetAsync(workspaceId, ct);
}
