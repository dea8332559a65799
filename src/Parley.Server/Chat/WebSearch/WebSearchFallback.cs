using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Chat.Streaming;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.WebSearch;

/// <summary>
/// When a bot's knowledge has nothing that clears the relevance bar and the bot allows it, the web is
/// searched and its results become the numbered passages the answer is written from, cited with
/// <c>from_web_search: true</c>. A search that fails or outlasts <see cref="WebSearchOptions.TimeoutMs"/>
/// costs the visitor a <c>web_search_unavailable</c> notice, never the answer.
/// </summary>
public sealed class WebSearchFallback(IWebSearch search, IOptions<WebSearchOptions> options, ILogger<WebSearchFallback> log)
{
    /// <summary>The <c>source_id</c> of citations that came from the web, which belong to no source of the bot.</summary>
    public const string SourceId = "web_search";

    // Shown to a language model beside each result's title, so it weighs the text as a stranger's.
    private const string Heading = "web search result, written by a third party, not by this business";

    public async Task<IReadOnlyList<Passage>> SupplementAsync(
        Bot bot, string question, IReadOnlyList<Passage> passages, SseWriter sse, CancellationToken aborted)
    {
        if (passages.Count > 0 || !bot.WebSearch.Enabled || !search.Available || string.IsNullOrWhiteSpace(question))
            return passages;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(options.Value.TimeoutMs);
        IReadOnlyList<WebResult> results;
        try
        {
            results = await search.SearchAsync(question.Trim(), bot.WebSearch.MaxResults, budget.Token);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogWarning(e, "Web search for bot {BotId} failed; answering without it.", bot.Id);
            await sse.NoticeAsync("web_search_unavailable",
                "The web could not be searched just now; this answer does not draw on it.", aborted);
            return passages;
        }

        var stems = QueryTerms.Extract(question).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
        return results.Take(bot.WebSearch.MaxResults)
            .Select((r, i) => new Passage(i + 1, SourceId, SourceType.Url, r.Title, r.Url.AbsoluteUri, Heading, r.Snippet,
                Coverage($"{r.Title} {r.Snippet}", stems), FromWebSearch: true))
            .ToList();
    }

    /// <summary>0..1: the share of the question's content words the result mentions; the engine's own scores do not compare across engines.</summary>
    private static double Coverage(string text, HashSet<string> questionStems)
    {
        if (questionStems.Count == 0)
            return 0;
        var found = QueryTerms.Words(text).Select(QueryTerms.Stem).Where(questionStems.Contains).Distinct().Count();
        return Math.Round((double)found / questionStems.Count, 3);
    }
}
