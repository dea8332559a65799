using Parley.Client;

namespace Parley.Server.Tests.Infrastructure;

public static class ChatStreams
{
    /// <summary>Every event of one stream, in order.</summary>
    public static async Task<List<ChatEvent>> CollectAsync(this ParleyChatClient client, ChatRequest request)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in client.StreamAsync(request))
            events.Add(e);
        return events;
    }

    public static string Text(this IEnumerable<ChatEvent> events) =>
        string.Concat(events.OfType<ContentEvent>().Select(e => e.Content));

    public static string NewSession() => "session-" + Guid.NewGuid().ToString("N")[..12];
}
