using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core.Conversations;

namespace Parley.Server.Chat.Streaming;

/// <summary>
/// Writes the Chat API's Server-Sent Events: one <c>data: {json}</c> line and a blank line per event,
/// flushed at once so every chunk reaches the visitor as it is produced, through any proxy.
/// A write that finds the visitor gone cancels <see cref="VisitorGone"/>, so work upstream stops at once
/// even before the server has noticed the closed connection on its own.
/// </summary>
public sealed class SseWriter : IDisposable
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Terminator = "\n\n"u8.ToArray();
    private static readonly byte[] Retrieving = """data: {"type":"status","stage":"retrieving"}"""u8.ToArray();
    private static readonly byte[] Generating = """data: {"type":"status","stage":"generating"}"""u8.ToArray();

    // The events are read by JSON parsers, never pasted into HTML, so '<' or '`' need no \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpResponse _response;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly CancellationTokenSource _visitorGone;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        _pipe = response.BodyWriter;
        _json = new Utf8JsonWriter(_pipe, WriterOptions);
        _visitorGone = CancellationTokenSource.CreateLinkedTokenSource(response.HttpContext.RequestAborted);
    }

    /// <summary>Cancelled when the visitor disconnects: the token every step of the turn runs under.</summary>
    public CancellationToken VisitorGone => _visitorGone.Token;

    /// <summary>Once an event is written the status is 200: any later failure is an <c>error</c> event.</summary>
    public bool Started { get; private set; }

    public Task StartAsync(CancellationToken ct)
    {
        _response.StatusCode = StatusCodes.Status200OK;
        _response.ContentType = "text/event-stream; charset=utf-8";
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
        _response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Started = true;
        return _response.StartAsync(ct);
    }

    public ValueTask StatusRetrievingAsync(CancellationToken ct) => WriteRawAsync(Retrieving, ct);

    public ValueTask StatusGeneratingAsync(CancellationToken ct) => WriteRawAsync(Generating, ct);

    public ValueTask ContentAsync(string content, CancellationToken ct) => TextEventAsync("content"u8, content, ct);

    public ValueTask ReplaceAsync(string content, CancellationToken ct) => TextEventAsync("replace"u8, content, ct);

    public ValueTask NoticeAsync(string code, string message, CancellationToken ct)
    {
        BeginEvent("notice"u8);
        _json.WriteString("code"u8, code);
        _json.WriteString("message"u8, message);
        return EndEventAsync(ct);
    }

    /// <summary>
    /// The last event of a failed answer. <paramref name="reason"/> and <paramref name="detail"/>, for the bot's owner
    /// on the authenticated endpoint only, say why; without them the event is the public one, byte for byte.
    /// </summary>
    public ValueTask ErrorAsync(string error, string message, CancellationToken ct, string? reason = null, string? detail = null)
    {
        BeginEvent("error"u8);
        _json.WriteString("error"u8, error);
        _json.WriteString("message"u8, message);
        if (reason is not null)
        {
            _json.WriteString("reason"u8, reason);
            _json.WriteString("detail"u8, detail);
        }

        return EndEventAsync(ct);
    }

    /// <summary>The last event. <paramref name="citations"/> null leaves the key out, as for a bot without citations.</summary>
    public ValueTask DoneAsync(
        string conversationId, string assistantMessageId, IReadOnlyList<Citation>? citations, CancellationToken ct)
    {
        BeginEvent("done"u8);
        _json.WriteString("conversation_id"u8, conversationId);
        _json.WriteString("assistant_message_id"u8, assistantMessageId);
        if (citations is not null)
        {
            _json.WriteStartArray("citations"u8);
            foreach (var citation in citations)
            {
                _json.WriteStartObject();
                _json.WriteString("page_title"u8, citation.PageTitle);
                _json.WriteString("source_url"u8, citation.SourceUrl);
                _json.WriteString("source_id"u8, citation.SourceId);
                _json.WriteNumber("score"u8, citation.Score);
                _json.WriteBoolean("from_web_search"u8, citation.FromWebSearch);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        return EndEventAsync(ct);
    }

    private ValueTask TextEventAsync(ReadOnlySpan<byte> type, string content, CancellationToken ct)
    {
        BeginEvent(type);
        _json.WriteString("content"u8, content);
        return EndEventAsync(ct);
    }

    private void BeginEvent(ReadOnlySpan<byte> type)
    {
        _pipe.Write(Prefix);
        _json.Reset(_pipe);
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
    }

    private ValueTask EndEventAsync(CancellationToken ct)
    {
        _json.WriteEndObject();
        _json.Flush();
        _pipe.Write(Terminator);
        return FlushAsync(ct);
    }

    public void Dispose()
    {
        _json.Dispose();
        _visitorGone.Dispose();
    }

    private ValueTask WriteRawAsync(byte[] line, CancellationToken ct)
    {
        _pipe.Write(line);
        _pipe.Write(Terminator);
        return FlushAsync(ct);
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        FlushResult result;
        try
        {
            result = await _pipe.FlushAsync(ct);
        }
        catch (IOException)
        {
            result = new FlushResult(isCanceled: false, isCompleted: true);
        }

        if (result.IsCompleted || result.IsCanceled)
        {
            await _visitorGone.CancelAsync();
            _visitorGone.Token.ThrowIfCancellationRequested();
        }
    }
}
