namespace Parley.Server.Knowledge.Index;

/// <summary>A stemmed query word and how much it counts: 1 for the question's own words, less for borrowed context.</summary>
public readonly record struct QueryTerm(string Stem, double Weight);
