using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Parley.Server.Chat.WebSearch;

/// <summary>
/// Asks a SearXNG instance through its JSON API (<c>GET /search?q=…&amp;format=json</c>) and reads the
/// <c>url</c>, <c>title</c> and <c>content</c> of its <c>results</c>. Everything in the answer is written by
/// strangers, so each field is cleaned and bounded before anything else sees it.
/// </summary>
internal sealed class SearxngWebSearch(IHttpClientFactory clients, IOptions<WebSearchOptions> options) : IWebSearch
{
    public const string HttpClientName = "parley-web-search";

    // A results page is a few tens of kilobytes; anything far larger is not one.
    private const int MaxResponseBytes = 2 * 1024 * 1024;
    private const int MaxQueryChars = 400;

    public bool Available => true;

    public async Task<IReadOnlyList<WebResult>> SearchAsync(string query, int maxResults, CancellationToken ct)
    {
        var asked = query.Length > MaxQueryChars ? query[..MaxQueryChars] : query;
        var address = new Uri(BaseAddress(), $"search?q={Uri.EscapeDataString(asked)}&format=json&safesearch=1");
        using var http = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"SearXNG answered {(int)response.StatusCode}.", null, response.StatusCode);

        using var page = JsonDocument.Parse(await ReadBoundedAsync(response.Content, ct));
        if (!page.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException("SearXNG's answer has no results array.");

        var found = new List<WebResult>(maxResults);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.EnumerateArray())
        {
            if (found.Count == maxResults)
                break;
            if (result.ValueKind != JsonValueKind.Object || UntrustedText.Link(Field(result, "url")) is not { } url || !seen.Add(url.AbsoluteUri))
                continue;
            var snippet = UntrustedText.Clean(Field(result, "content"), UntrustedText.MaxSnippetChars);
            if (snippet.Length == 0)
                continue;
            var title = UntrustedText.Clean(Field(result, "title"), UntrustedText.MaxTitleChars);
            found.Add(new WebResult(title.Length > 0 ? title : url.Host, url, snippet));
        }

        return found;
    }

    private Uri BaseAddress()
    {
        var configured = options.Value.BaseUrl!;
        // "search" is resolved against the base, so an instance under a path (https://host/searx) keeps that path.
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }

    private static string? Field(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
            throw new InvalidDataException("SearXNG's answer is too large.");
        await using var body = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
                throw new InvalidDataException("SearXNG's answer is too large.");
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
