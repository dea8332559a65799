using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>The admin API as a test drives it: plain HTTP and JSON, asserting each call succeeded.</summary>
public sealed class AdminApi(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public HttpClient Http => http;

    public async Task<string> CreateWorkspaceAsync(decimal credits = 1000, DateTimeOffset? trialEndsAt = null)
    {
        var workspace = await PostAsync("/v1/workspaces", new { name = "Acme", credits, trial_ends_at = trialEndsAt });
        return workspace.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// A public bot in a new workspace unless <paramref name="settings"/> says otherwise. Without a <c>rate_limit</c> in
    /// the settings it has none, rather than the default a new bot gets, so tests can chat with it as fast as they like.
    /// </summary>
    public async Task<string> CreateBotAsync(object? settings = null, string? workspaceId = null)
    {
        workspaceId ??= await CreateWorkspaceAsync();
        var body = JsonSerializer.SerializeToNode(settings ?? new { }, Json)!.AsObject();
        body["workspace_id"] = workspaceId;
        body["name"] ??= "Acme helper";
        if (!body.ContainsKey("rate_limit"))
            body["rate_limit"] = null;
        var bot = await PostAsync("/v1/bots", body);
        return bot.GetProperty("id").GetString()!;
    }

    public async Task<string> AddTextAsync(string botId, string title, string text, string? url = null)
    {
        var source = await PostAsync($"/v1/bots/{botId}/sources", new { type = "text", title, url, text });
        return source.GetProperty("id").GetString()!;
    }

    public async Task<string> AddQaAsync(string botId, string question, string answer)
    {
        var source = await PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question, answer });
        return source.GetProperty("id").GetString()!;
    }

    /// <summary>A bot that knows <see cref="SampleKnowledge"/>.</summary>
    public async Task<string> CreateKnowledgeableBotAsync(object? settings = null, string? workspaceId = null)
    {
        var botId = await CreateBotAsync(settings, workspaceId);
        foreach (var page in SampleKnowledge.Pages)
            await AddTextAsync(botId, page.Title, page.Text, page.Url);
        return botId;
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json);
        return await ReadSuccessAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonElement> PatchAsync(string path, object body)
    {
        using var response = await http.PatchAsJsonAsync(path, body, Json);
        return await ReadSuccessAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadSuccessAsync(response, HttpStatusCode.OK);
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
