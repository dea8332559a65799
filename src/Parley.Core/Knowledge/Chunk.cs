namespace Parley.Core.Knowledge;

/// <summary>A passage small enough to retrieve and quote, with what it needs to be cited.</summary>
public sealed record Chunk(int Ordinal, string PageTitle, string? Url, string? Heading, string Text);
