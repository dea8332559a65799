namespace Parley.Server.Chat.WebSearch;

/// <summary>A web search engine, asked when a bot's own knowledge has no good match for a question.</summary>
public interface IWebSearch
{
    /// <summary>False when the deployment configured no provider: bots that enable web search then answer without it.</summary>
    bool Available { get; }

    /// <summary>At most <paramref name="maxResults"/> results, best first. Throws when the engine fails or cannot be reached.</summary>
    Task<IReadOnlyList<WebResult>> SearchAsync(string query, int maxResults, CancellationToken ct);
}
