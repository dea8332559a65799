namespace Parley.Core.Bots;

/// <summary>
/// Whether the bot may search the web when its own knowledge has no good match, and how many results
/// it may then quote. Needs a web search provider configured for the deployment (<c>Parley:WebSearch</c>).
/// </summary>
public sealed record WebSearchSettings(bool Enabled, int MaxResults)
{
    public const int DefaultMaxResults = 3;

    public const int MostResults = 10;

    public static WebSearchSettings Off { get; } = new(false, DefaultMaxResults);
}
