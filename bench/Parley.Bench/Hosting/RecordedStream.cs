namespace Parley.Bench.Hosting;

/// <summary>One real Parley answer: the headers it set and its body cut into events, each with its <c>\n\n</c>.</summary>
internal sealed record RecordedStream(IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<byte[]> Events)
{
    // Kestrel writes these itself, on both servers.
    private static readonly string[] Framing = ["Date", "Server", "Transfer-Encoding", "Content-Length", "Connection", "Keep-Alive"];

    public static async Task<RecordedStream> CaptureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !Framing.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))
            .ToList();
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return new RecordedStream(headers, Split(body));
    }

    public int BodyBytes => Events.Sum(e => e.Length);

    private static List<byte[]> Split(byte[] body)
    {
        var events = new List<byte[]>();
        var start = 0;
        while (start < body.Length)
        {
            var end = body.AsSpan(start).IndexOf("\n\n"u8);
            var length = end < 0 ? body.Length - start : end + 2;
            events.Add(body.AsSpan(start, length).ToArray());
            start += length;
        }

        return events;
    }
}
