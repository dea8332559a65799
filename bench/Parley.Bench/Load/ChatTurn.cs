using System.Buffers;
using System.Diagnostics;
using System.Net;

namespace Parley.Bench.Load;

/// <summary>
/// Sends one message and reads its Server-Sent Events to the end, noting when the first <c>content</c> event
/// arrived. It looks for byte patterns rather than parsing JSON, so the client costs as little as it can.
/// </summary>
internal static class ChatTurn
{
    private static readonly byte[] ContentEvent = "data: {\"type\":\"content\""u8.ToArray();
    private static readonly byte[] DoneEvent = "data: {\"type\":\"done\""u8.ToArray();
    private static readonly byte[] ErrorEvent = "data: {\"type\":\"error\""u8.ToArray();

    // Retrieval failed or ran out of time and the answer went without knowledge: cheaper than a real turn, so not one.
    private static readonly byte[] RetrievalUnavailable = "\"code\":\"rag_unavailable\""u8.ToArray();

    public static async Task<TurnResult> RunAsync(ChatTarget target, string message, string sessionId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var firstContent = 0L;
        var body = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var request = target.NewRequest(message, sessionId);
            using var response = await target.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
                return new TurnResult(started, 0, Stopwatch.GetTimestamp(), $"HTTP {(int)response.StatusCode}");

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var length = 0;
            while (true)
            {
                if (length == body.Length)
                    body = Grow(body);
                var read = await stream.ReadAsync(body.AsMemory(length), ct);
                if (read == 0)
                    break;
                if (firstContent == 0)
                {
                    // A pattern may straddle two reads: look again at the tail of the previous one.
                    var from = Math.Max(0, length - ContentEvent.Length);
                    if (body.AsSpan(from, length + read - from).IndexOf(ContentEvent) >= 0)
                        firstContent = Stopwatch.GetTimestamp();
                }

                length += read;
            }

            var ended = Stopwatch.GetTimestamp();
            var received = body.AsSpan(0, length);
            var failure = received.IndexOf(ErrorEvent) >= 0 ? "error event"
                : received.IndexOf(RetrievalUnavailable) >= 0 ? "answered without knowledge (rag_unavailable notice)"
                : received.IndexOf(DoneEvent) < 0 ? "no done event"
                : firstContent == 0 ? "no content event"
                : null;
            return new TurnResult(started, firstContent, ended, failure);
        }
        catch (HttpRequestException e)
        {
            return new TurnResult(started, 0, Stopwatch.GetTimestamp(), e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static byte[] Grow(byte[] body)
    {
        var larger = ArrayPool<byte>.Shared.Rent(body.Length * 2);
        body.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(body);
        return larger;
    }
}
