namespace Parley.Core.Workspaces;

/// <summary>
/// Credits taken from a workspace for a turn in progress, held until <see cref="LeaseUntil"/> unless the turn's
/// server renews it. A reservation still held when its lease runs out belongs to a turn whose server died.
/// </summary>
public sealed record CreditReservation(string Id, string WorkspaceId, decimal Amount, DateTimeOffset LeaseUntil);
