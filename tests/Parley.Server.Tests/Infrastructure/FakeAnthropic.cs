namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Anthropic's <c>POST /v1/messages</c> as it streams: <c>message_start</c> (with the input usage),
/// <c>content_block_start</c>, <c>ping</c>, <c>content_block_delta</c> text deltas, <c>content_block_stop</c>,
/// <c>message_delta</c> (stop reason and output usage) and <c>message_stop</c>, each as an <c>event:</c> and a
/// <c>data:</c> line; a failure mid-stream is an <c>error</c> event. Failed requests get Anthropic's
/// <c>{"type": "error", "error": {type, message}}</c> body, with 529 for <c>overloaded_error</c>.
/// </summary>
public sealed class FakeAnthropic : FakeVendorServer
{
    private FakeAnthropic()
    {
    }

    protected override string Path => "/v1/messages";

    public static Task<FakeAnthropic> StartAsync() => StartAsync(new FakeAnthropic());

    protected override string ErrorBody(VendorReply reply) =>
        Json(new { type = "error", error = new { type = reply.Error, message = reply.Message ?? $"Simulated failure: {reply.Error}" } });

    protected override IEnumerable<string?> Stream(VendorReply reply, string model, Action drop)
    {
        var usage = reply.ReportsUsage ? new { input_tokens = reply.InputTokens, output_tokens = 1 } : new { input_tokens = 0, output_tokens = 0 };
        yield return Event("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_fake1", type = "message", role = "assistant", content = Array.Empty<object>(), model,
                stop_reason = (string?)null, stop_sequence = (string?)null, usage,
            },
        });
        yield return Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
        yield return Event("ping", new { type = "ping" });
        for (var i = 0; i < reply.Pieces.Count; i++)
        {
            if (reply.DropAfter == i)
            {
                drop();
                yield return null;
            }

            if (reply.ErrorEventAfter == i)
            {
                yield return Event("error", new { type = "error", error = new { type = reply.Error ?? "overloaded_error", message = "Overloaded" } });
                yield break;
            }

            yield return Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = reply.Pieces[i] } });
        }

        if (reply.ErrorEventAfter == reply.Pieces.Count)
        {
            yield return Event("error", new { type = "error", error = new { type = reply.Error ?? "overloaded_error", message = "Overloaded" } });
            yield break;
        }

        yield return Event("content_block_stop", new { type = "content_block_stop", index = 0 });
        yield return Event("message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = "end_turn", stop_sequence = (string?)null },
            usage = new { output_tokens = reply.ReportsUsage ? reply.OutputTokens : 0 },
        });
        yield return Event("message_stop", new { type = "message_stop" });
    }

    private static string Event(string name, object data) => $"event: {name}\ndata: {Json(data)}\n\n";
}
