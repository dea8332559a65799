namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// OpenAI's <c>POST /v1/chat/completions</c> as it streams: <c>data: {chunk}</c> lines of
/// <c>chat.completion.chunk</c> objects (role first, then content deltas, then the finish reason), a final chunk
/// with empty choices and the usage when <c>stream_options.include_usage</c> asks, and <c>data: [DONE]</c>.
/// Errors are OpenAI's <c>{"error": {message, type, param, code}}</c> bodies.
/// </summary>
public sealed class FakeOpenAIChat : FakeVendorServer
{
    private FakeOpenAIChat()
    {
    }

    public string BaseUrl => Root + "/v1";

    protected override string Path => "/v1/chat/completions";

    public static Task<FakeOpenAIChat> StartAsync() => StartAsync(new FakeOpenAIChat());

    protected override string ErrorBody(VendorReply reply) => Json(new
    {
        error = new { message = reply.Message ?? $"Simulated failure: {reply.Error}", type = reply.Status == 429 ? "requests" : reply.Status < 500 ? "invalid_request_error" : "server_error", param = (string?)null, code = reply.Error },
    });

    protected override IEnumerable<string?> Stream(VendorReply reply, string model, Action drop)
    {
        const string id = "chatcmpl-fake1";
        const long created = 1_764_000_000;
        yield return Data(new
        {
            id, @object = "chat.completion.chunk", created, model, system_fingerprint = "fp_fake",
            choices = new[] { new { index = 0, delta = new { role = "assistant", content = "" }, logprobs = (object?)null, finish_reason = (string?)null } },
        });
        for (var i = 0; i < reply.Pieces.Count; i++)
        {
            if (reply.DropAfter == i)
            {
                drop();
                yield return null;
            }

            yield return Data(new
            {
                id, @object = "chat.completion.chunk", created, model, system_fingerprint = "fp_fake",
                choices = new[] { new { index = 0, delta = new { content = reply.Pieces[i] }, logprobs = (object?)null, finish_reason = (string?)null } },
            });
        }

        yield return Data(new
        {
            id, @object = "chat.completion.chunk", created, model, system_fingerprint = "fp_fake",
            choices = new[] { new { index = 0, delta = new { }, logprobs = (object?)null, finish_reason = "stop" } },
        });
        if (reply.ReportsUsage)
        {
            yield return Data(new
            {
                id, @object = "chat.completion.chunk", created, model, system_fingerprint = "fp_fake",
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = reply.InputTokens, completion_tokens = reply.OutputTokens, total_tokens = reply.InputTokens + reply.OutputTokens },
            });
        }

        yield return "data: [DONE]\n\n";
    }

    private static string Data(object chunk) => $"data: {Json(chunk)}\n\n";
}
