namespace Parley.Core.Conversations;

/// <summary>A source an answer relied on. <see cref="Score"/> is a relevance between 0 and 1.</summary>
public sealed record Citation(string PageTitle, string? SourceUrl, string SourceId, double Score, bool FromWebSearch);
