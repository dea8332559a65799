namespace Parley.Core.Knowledge;

/// <summary>One page of a source's visits in URL order, and how many visits of each status the source has in all.</summary>
public sealed record PageVisitList(IReadOnlyList<PageVisit> Visits, bool More, IReadOnlyDictionary<PageStatus, int> Counts);
