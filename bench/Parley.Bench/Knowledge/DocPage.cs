namespace Parley.Bench.Knowledge;

/// <summary>One synthetic documentation page, added to the bot as a text source.</summary>
internal sealed record DocPage(string Title, string Url, string Markdown, int Chunks);
