using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Parley.Bench.Eval;

/// <summary>Asks a public bot through <c>POST /v1/public/chat/stream</c>, as the widget does, and reads the whole answer.</summary>
internal sealed class PublicChat(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>
    /// Asks one message; with a <paramref name="conversationId"/> from an earlier answer (and the same
    /// <paramref name="sessionId"/>, which the Chat API requires) it continues that conversation, otherwise it starts one.
    /// </summary>
    public async Task<ChatAnswer> AskAsync(string botId, string message, string sessionId, string? conversationId = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        object body = conversationId is null
            ? new { bot_id = botId, session_id = sessionId, message }
            : new { bot_id = botId, session_id = sessionId, conversation_id = conversationId, message };
        using var response = await _http.PostAsJsonAsync(new Uri("/v1/public/chat/stream", UriKind.Relative), body, ct);
        if (!response.IsSuccessStatusCode)
            return ChatAnswer.Failed($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", "", clock.Elapsed);

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await ReadAsync(stream, clock, ct);
    }

    /// <summary>
    /// The answer in a stream of events: <c>content</c> appends, <c>replace</c> starts the text over, <c>done</c>
    /// brings the citations, <c>error</c> or the end of the stream without <c>done</c> is a failed answer.
    /// </summary>
    public static async Task<ChatAnswer> ReadAsync(Stream stream, Stopwatch clock, CancellationToken ct)
    {
        var text = new StringBuilder();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
        {
            using var document = JsonDocument.Parse(item.Data);
            var data = document.RootElement;
            switch (String(data, "type"))
            {
                case "content":
                    text.Append(String(data, "content"));
                    break;
                case "replace":
                    text.Clear().Append(String(data, "content"));
                    break;
                case "done":
                    return new ChatAnswer(text.ToString(), Citations(data), clock.Elapsed) { ConversationId = String(data, "conversation_id") };
                case "error":
                    return ChatAnswer.Failed($"{String(data, "error")}: {String(data, "message")}", text.ToString(), clock.Elapsed);
            }
        }

        return ChatAnswer.Failed("the stream ended without a done event", text.ToString(), clock.Elapsed);
    }

    public void Dispose() => _http.Dispose();

    private static List<Citation> Citations(JsonElement done) =>
        done.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array
            ? citations.EnumerateArray()
                .Select(c => new Citation(String(c, "page_title"), String(c, "source_url"),
                    c.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : 0))
                .ToList()
            : [];

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
