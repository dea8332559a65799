using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// What visiting one URL gave: what became of its page (<see cref="Status"/>, and the <see cref="Reason"/> an
/// owner reads), whether the page stays indexed, the links found on it, and why it could not be fetched, if it
/// could not (<see cref="Error"/>: a sync fails when that happens to the page the owner named).
/// </summary>
public sealed record PageOutcome(PageStatus Status, string? Reason, bool Kept, IReadOnlyList<Uri> Links)
{
    public string? Title { get; init; }

    public DateTimeOffset? FetchedAt { get; init; }

    public string? Error { get; init; }

    public static PageOutcome Skipped(string reason, IReadOnlyList<Uri>? links = null) => new(PageStatus.Skipped, reason, false, links ?? []);
}
