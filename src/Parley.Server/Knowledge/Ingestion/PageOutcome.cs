namespace Parley.Server.Knowledge.Ingestion;

/// <summary>What visiting one URL gave: whether its page stays indexed, and the links found on it.</summary>
public sealed record PageOutcome(bool Kept, IReadOnlyList<Uri> Links)
{
    public static PageOutcome Dropped { get; } = new(false, []);
}
