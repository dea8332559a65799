namespace Parley.Core.Knowledge;

/// <summary>A URL a sync has discovered and will visit, and how many links it lies from the start page.</summary>
public sealed record FrontierUrl(string Url, int Depth);
