namespace Parley.Server.Knowledge;

/// <summary>A conversation turn's passages, and the earlier question they were found with when the turn is its follow-up.</summary>
public sealed record TurnRetrieval(IReadOnlyList<Passage> Passages, string? Earlier);
