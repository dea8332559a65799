using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A model vendor's HTTP API on loopback: answers each request with the next scripted <see cref="VendorReply"/>
/// (or <see cref="Default"/> once they run out) and records what it received, for tests to assert on.
/// The wire format is the subclass's: see <see cref="FakeOpenAIChat"/> and <see cref="FakeAnthropic"/>.
/// </summary>
public abstract class FakeVendorServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<VendorReply> _script = new();
    private WebApplication _app = null!;

    /// <summary>What each request carried: its headers and its JSON body, in the order they came.</summary>
    public ConcurrentQueue<VendorRequest> Requests { get; } = new();

    public VendorReply Default { get; set; } = VendorReply.Text("Refunds ", "take five ", "business days [1].");

    /// <summary>Answers from what was asked, once the scripted replies have run out (before <see cref="Default"/>).</summary>
    public Func<VendorRequest, VendorReply>? Responder { get; set; }

    /// <summary>Completes when a caller hangs up on a streaming answer before its end.</summary>
    public TaskCompletionSource CallerLeft { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many frames were written before the caller left.</summary>
    public int FramesSent { get; private set; }

    public string Root => _app.Urls.First();

    protected abstract string Path { get; }

    public void Enqueue(params VendorReply[] replies)
    {
        foreach (var reply in replies)
            _script.Enqueue(reply);
    }

    protected static async Task<T> StartAsync<T>(T fake)
        where T : FakeVendorServer
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost(fake.Path, fake.HandleAsync);
        await fake._app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var received = new VendorRequest(
            http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body.RootElement.Clone(),
            DateTimeOffset.UtcNow);
        Requests.Enqueue(received);
        var reply = _script.TryDequeue(out var next) ? next : Responder?.Invoke(received) ?? Default;

        if (reply.Status != 200)
        {
            http.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null)
                http.Response.Headers.RetryAfter = reply.RetryAfter;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(ErrorBody(reply));
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var model = body.RootElement.GetProperty("model").GetString()!;
        try
        {
            foreach (var frame in Stream(reply, model, http.Abort))
            {
                if (frame is null)
                    return;
                await http.Response.WriteAsync(frame, Encoding.UTF8, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                FramesSent++;
                await Task.Delay(reply.Pace, http.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            CallerLeft.TrySetResult();
        }
    }

    /// <summary>The vendor's error body for a failed request.</summary>
    protected abstract string ErrorBody(VendorReply reply);

    /// <summary>The frames of a streamed answer; a null frame means the stream ends there (the connection was dropped).</summary>
    protected abstract IEnumerable<string?> Stream(VendorReply reply, string model, Action drop);

    protected static string Json(object value) => JsonSerializer.Serialize(value);
}

public sealed record VendorRequest(IReadOnlyDictionary<string, string> Headers, JsonElement Body, DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>OpenAI's chat messages as (role, text), the system prompt first.</summary>
    public IReadOnlyList<(string Role, string Text)> Messages =>
        Body.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, TextOf(m.GetProperty("content"))))
            .ToList();

    public string System => Messages.FirstOrDefault(m => m.Role == "system").Text ?? "";

    private static string TextOf(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}
