namespace Parley.Server.Chat.WebSearch;

/// <summary>The deployment has no web search provider: nothing is ever searched.</summary>
internal sealed class NoWebSearch : IWebSearch
{
    public bool Available => false;

    public Task<IReadOnlyList<WebResult>> SearchAsync(string query, int maxResults, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<WebResult>>([]);
}
