namespace Parley.Server.Knowledge.Ingestion;

/// <summary>
/// What visiting one URL gave: whether its page stays indexed, the links found on it, and why it could
/// not be fetched, if it could not.
/// </summary>
public sealed record PageOutcome(bool Kept, IReadOnlyList<Uri> Links, string? Error = null)
{
    public static PageOutcome Dropped { get; } = new(false, []);
}
