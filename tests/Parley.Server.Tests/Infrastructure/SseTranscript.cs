using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>The events of a Chat API stream as a client printed it (curl's output), read back for assertions.</summary>
public sealed class SseTranscript
{
    private SseTranscript(IReadOnlyList<JsonElement> events) => Events = events;

    public IReadOnlyList<JsonElement> Events { get; }

    /// <summary>The answer: the <c>content</c> events joined, or the last <c>replace</c> if one came.</summary>
    public string Answer =>
        OfType("replace").LastOrDefault() is { ValueKind: JsonValueKind.Object } replace
            ? replace.GetProperty("content").GetString()!
            : string.Concat(OfType("content").Select(e => e.GetProperty("content").GetString()));

    /// <summary>The final <c>done</c> event; fails the test when the stream did not end with one.</summary>
    public JsonElement Done
    {
        get
        {
            Assert.True(Events.Count > 0 && Type(Events[^1]) == "done", $"The stream did not end with a done event: {Describe()}");
            return Events[^1];
        }
    }

    public static SseTranscript Parse(string output)
    {
        var events = output.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone())
            .ToList();
        return new SseTranscript(events);
    }

    public IEnumerable<JsonElement> OfType(string type) => Events.Where(e => Type(e) == type);

    public string Describe() => string.Join(" | ", Events.Select(e => e.GetRawText()));

    private static string? Type(JsonElement e) => e.TryGetProperty("type", out var type) ? type.GetString() : null;
}
