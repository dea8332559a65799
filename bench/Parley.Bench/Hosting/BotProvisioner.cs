using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Bench.Knowledge;

namespace Parley.Bench.Hosting;

/// <summary>Sets up the bot under test through Parley's admin API, as an operator would.</summary>
internal sealed class BotProvisioner(Uri baseAddress, string adminKey) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http = new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", adminKey) },
    };

    public async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (response.IsSuccessStatusCode)
                return;
            await Task.Delay(50);
        }

        throw new InvalidOperationException("Parley did not become ready.");
    }

    /// <summary>A public bot, without a rate limit, in a workspace whose credits outlast any run.</summary>
    public async Task<(string WorkspaceId, string BotId)> CreateBotAsync(string name = "Bench docs bot")
    {
        var workspace = await PostAsync("/v1/workspaces", new { name = "Bench", credits = 1_000_000_000 });
        var workspaceId = workspace.GetProperty("id").GetString()!;
        var bot = await PostAsync("/v1/bots", new
        {
            workspace_id = workspaceId,
            name,
            privacy = "public",
            rate_limit = (object?)null,
            citations_enabled = true,
        });
        return (workspaceId, bot.GetProperty("id").GetString()!);
    }

    /// <summary>Adds every page as a text source; returns the number of chunks Parley made of them.</summary>
    public async Task<int> AddPagesAsync(string botId, IReadOnlyList<DocPage> pages)
    {
        var chunks = 0;
        foreach (var page in pages)
        {
            var source = await PostAsync($"/v1/bots/{botId}/sources", new { type = "text", title = page.Title, url = page.Url, text = page.Markdown });
            chunks += source.GetProperty("chunks").GetInt32();
        }

        return chunks;
    }

    /// <summary>Adds a source of any type (the body is the admin API's); returns the source as Parley answered it.</summary>
    public Task<JsonElement> AddSourceAsync(string botId, object body) => PostAsync($"/v1/bots/{botId}/sources", body);

    public async Task<JsonElement> GetSourceAsync(string botId, string sourceId)
    {
        var path = $"/v1/bots/{botId}/sources/{sourceId}";
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, $"GET {path}");
    }

    /// <summary>The page of each passage the bot's search ranks for <paramref name="query"/>, best first.</summary>
    public async Task<IReadOnlyList<string?>> SearchPagesAsync(string botId, string query, int limit)
    {
        var found = await PostAsync($"/v1/bots/{botId}/search", new { query, limit });
        return found.GetProperty("passages").EnumerateArray()
            .Select(p => Eval.PageName.Of(p.GetProperty("source_url").GetString()))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        return await ReadAsync(response, $"POST {path}");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string request)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{request} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
