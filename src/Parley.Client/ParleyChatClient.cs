using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Parley.Client;

/// <summary>
/// Sends visitors' messages to Parley bots and reads the answers as they are generated.
/// </summary>
/// <remarks>
/// The client holds no per-call state and may be shared and used concurrently.
/// It does not own the <see cref="HttpClient"/> and never disposes it.
/// </remarks>
public sealed class ParleyChatClient
{
    private const string PublicStreamPath = "v1/public/chat/stream";
    private const string AuthenticatedStreamPath = "v1/chat/stream";

    private const string EventStreamMediaType = "text/event-stream";

    private readonly HttpClient _httpClient;
    private readonly string? _apiKey;

    /// <summary>
    /// Creates a client for the Parley server at <paramref name="httpClient"/>'s <see cref="HttpClient.BaseAddress"/>.
    /// </summary>
    /// <param name="httpClient">
    /// The client to send requests with. Its <see cref="HttpClient.BaseAddress"/> must be set to the server's address;
    /// when the server lives under a path, end the address with <c>/</c> (<c>https://example.com/parley/</c>).
    /// </param>
    /// <param name="apiKey">
    /// An admin or workspace API key, sent as a bearer token; <see langword="null"/> for anonymous use of public bots.
    /// </param>
    /// <param name="endpoint">
    /// The endpoint to post to. By default <see cref="ParleyChatEndpoint.Authenticated"/> when an API key is given,
    /// otherwise <see cref="ParleyChatEndpoint.Public"/>.
    /// </param>
    /// <exception cref="ArgumentException">The client has no base address, or the API key is empty.</exception>
    public ParleyChatClient(HttpClient httpClient, string? apiKey = null, ParleyChatEndpoint? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress pointing at the Parley server.", nameof(httpClient));
        }

        if (apiKey is not null && string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The API key is empty; pass null to call without one.", nameof(apiKey));
        }

        _httpClient = httpClient;
        _apiKey = apiKey;
        Endpoint = endpoint ?? (apiKey is null ? ParleyChatEndpoint.Public : ParleyChatEndpoint.Authenticated);
    }

    /// <summary>The endpoint this client posts to.</summary>
    public ParleyChatEndpoint Endpoint { get; }

    /// <summary>
    /// Sends a message and yields the answer's events as the server streams them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The request is sent when enumeration starts. A successful stream ends with one <see cref="DoneEvent"/>;
    /// a failure after the stream started ends it with one <see cref="ErrorEvent"/>, which is yielded, not thrown.
    /// Apply <see cref="ReplaceEvent"/> by discarding the text received before it.
    /// </para>
    /// <para>
    /// Cancelling <paramref name="cancellationToken"/>, or leaving the enumeration before the final event,
    /// closes the connection, so the server stops generating and keeps the partial answer as interrupted.
    /// </para>
    /// </remarks>
    /// <param name="request">The message to send.</param>
    /// <param name="cancellationToken">Cancels the request and closes the stream.</param>
    /// <returns>The events of the answer, in the order the server sent them.</returns>
    /// <exception cref="ParleyApiException">
    /// The server refused the request before streaming; the subclass tells the status
    /// (<see cref="ParleyBadRequestException"/>, <see cref="ParleyUnauthorizedException"/>, <see cref="ParleyForbiddenException"/>,
    /// <see cref="ParleyNotFoundException"/>, <see cref="ParleyRateLimitedException"/>).
    /// </exception>
    /// <exception cref="ParleyProtocolException">The response was not a readable chat event stream.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or the connection broke.</exception>
    public async IAsyncEnumerable<ChatEvent> StreamAsync(
        ChatRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        using var httpRequest = CreateStreamRequest(request);
        using var response = await _httpClient
            .SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            throw await ApiExceptionReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ParleyProtocolException($"The server answered with '{mediaType}' instead of an event stream.");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var finished = false;
            try
            {
                var events = SseParser.Create<ChatEvent?>(body, ChatEventReader.Read).EnumerateAsync(cancellationToken);
                await foreach (var item in events.ConfigureAwait(false))
                {
                    if (item.Data is not { } chatEvent)
                    {
                        continue;
                    }

                    if (chatEvent is DoneEvent or ErrorEvent)
                    {
                        finished = true;
                    }

                    yield return chatEvent;
                }

                finished = true;
            }
            finally
            {
                if (!finished)
                {
                    await ResponseAborter.AbortAsync(body).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Sends a message and waits for the complete answer.
    /// </summary>
    /// <param name="request">The message to send.</param>
    /// <param name="cancellationToken">Cancels the request and closes the stream.</param>
    /// <returns>The final answer text with the conversation and message ids, citations and notices.</returns>
    /// <exception cref="ParleyStreamException">The server ended the stream with an error event.</exception>
    /// <exception cref="ParleyApiException">The server refused the request before streaming.</exception>
    /// <exception cref="ParleyProtocolException">The response was not a readable chat event stream.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or the connection broke.</exception>
    public async Task<ChatAnswer> AskAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var text = new StringBuilder();
        var notices = new List<NoticeEvent>();
        DoneEvent? done = null;

        // Read to the end of the stream rather than stopping at done, so the connection closes cleanly.
        await foreach (var chatEvent in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            switch (chatEvent)
            {
                case ContentEvent content:
                    text.Append(content.Content);
                    break;
                case ReplaceEvent replace:
                    text.Clear().Append(replace.Content);
                    break;
                case NoticeEvent notice:
                    notices.Add(notice);
                    break;
                case DoneEvent doneEvent:
                    done = doneEvent;
                    break;
                case ErrorEvent error:
                    throw new ParleyStreamException(error.Error, error.Message) { Reason = error.Reason, Detail = error.Detail };
            }
        }

        if (done is null)
        {
            throw new ParleyProtocolException("The stream ended without a done or error event.");
        }

        return new ChatAnswer(text.ToString(), done.ConversationId, done.AssistantMessageId, done.Citations, notices);
    }

    private HttpRequestMessage CreateStreamRequest(ChatRequest request)
    {
        var path = Endpoint == ParleyChatEndpoint.Authenticated ? AuthenticatedStreamPath : PublicStreamPath;
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ParleyJsonContext.Default.ChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        var httpRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        httpRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamMediaType));
        if (_apiKey is not null)
        {
            httpRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        return httpRequest;
    }
}
