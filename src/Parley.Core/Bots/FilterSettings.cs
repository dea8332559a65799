namespace Parley.Core.Bots;

/// <summary>Post-filters run on every complete answer before it is final.</summary>
public sealed record FilterSettings(bool RedactPii, IReadOnlyList<string> BlockedTerms)
{
    public static FilterSettings None { get; } = new(false, []);
}
