using System.ClientModel;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;
using Parley.Core.Conversations;
using Parley.Server.Chat.Providers;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Chat.Failures;

/// <summary>
/// Reads why a model provider call failed from what the SDKs throw, so the bot's owner can be told what to fix: a
/// refused key (401/403), an unknown model (404 naming the model), an address that does not answer, or anything else.
/// </summary>
internal static class ProviderFailure
{
    private const int MaxCause = 300;

    /// <param name="e">What the call threw, after the retries.</param>
    /// <param name="model">The model called.</param>
    /// <param name="deploymentModel">Whether it is the server's model rather than the bot's own.</param>
    /// <param name="answerStarted">Whether some of the answer had arrived before the failure.</param>
    /// <param name="timeoutSeconds">How long a provider call may take (<c>Parley:Model:TimeoutSeconds</c>).</param>
    public static AnswerFailure Classify(Exception e, ModelChoice model, bool deploymentModel, bool answerStarted, int timeoutSeconds)
    {
        var endpoint = model.BaseUrl?.ToString().TrimEnd('/') ?? DefaultEndpoint(model.Provider);
        AnswerFailure Of(string reason, int? status, string? cause) => new(reason, endpoint, model.Model, deploymentModel, status, cause);

        if (Find<AddressRefusedException>(e) is not null)
        {
            return Of(AnswerFailure.ProviderUnreachable, null,
                "its address is loopback or private, which a bot's own model may call only when the server allows it (Parley:Model:AllowPrivateNetworks)");
        }

        if (Response(e) is ({ } status, var body))
        {
            var (code, message) = ReadErrorBody(body);
            if (status is 401 or 403)
                return Of(AnswerFailure.ProviderKeyRefused, status, model.ApiKey is null ? "no API key is set" : message);
            if (NamesUnknownModel(status, code, message, model.Model))
                return Of(AnswerFailure.ModelUnknown, status, message);
            if (status == 404)
                return Of(AnswerFailure.ProviderError, status, message ?? "nothing answers at this address; an OpenAI-compatible base URL usually ends in /v1");
            return Of(AnswerFailure.ProviderError, status, message);
        }

        if (answerStarted)
            return Of(AnswerFailure.ProviderError, null, "the answer broke off after it had started: " + Short(Innermost(e).Message));
        if (Find<TimeoutException>(e) is not null || Find<OperationCanceledException>(e) is not null)
            return Of(AnswerFailure.ProviderUnreachable, null, $"no answer within {timeoutSeconds} seconds");
        if (Find<HttpRequestException>(e) is { } http)
            return Of(AnswerFailure.ProviderUnreachable, null, Connection(http));
        if (Find<IOException>(e) is { } io)
            return Of(AnswerFailure.ProviderUnreachable, null, Short(io.Message));
        return e is AnthropicSseException sse
            ? Of(AnswerFailure.ProviderError, null, Short(ReadErrorBody(sse.Body.ToString()).Message ?? sse.Message))
            : Of(AnswerFailure.ProviderError, null, Short(Innermost(e).Message));
    }

    /// <summary>A failure of Parley's own, not of the provider: the log has the stack; the owner gets its kind.</summary>
    public static AnswerFailure Internal(Exception e) =>
        new(AnswerFailure.InternalError, null, null, false, null, e.GetType().Name);

    /// <summary>The provider's status and error body, when it answered at all.</summary>
    private static (int? Status, string? Body) Response(Exception e) => e switch
    {
        ClientResultException { Status: > 0 } result => (result.Status, result.GetRawResponse()?.Content?.ToString()),
        AnthropicApiException api => ((int)api.StatusCode, api.ResponseBody),
        HttpRequestException { StatusCode: { } status } => ((int)status, null),
        _ when e.InnerException is { } inner => Response(inner),
        _ => (null, null),
    };

    /// <summary>
    /// A 404 about the model (OpenAI's <c>model_not_found</c>, Anthropic's <c>not_found_error</c>, Ollama's "model … not
    /// found"), or a 400 that names the model (OpenRouter's "… is not a valid model ID"). Other 400s, such as a prompt
    /// longer than the model reads, are not about the name.
    /// </summary>
    private static bool NamesUnknownModel(int status, string? code, string? message, string? model) =>
        code is "model_not_found" ||
        (status == 404 && (code is "not_found_error" || message?.Contains("model", StringComparison.OrdinalIgnoreCase) == true)) ||
        (status == 400 && model is { Length: > 0 } && message?.Contains(model, StringComparison.Ordinal) == true &&
         message.Contains("model", StringComparison.OrdinalIgnoreCase));

    /// <summary>OpenAI's <c>{"error": {"message", "code"}}</c> and Anthropic's <c>{"type": "error", "error": {"type", "message"}}</c>.</summary>
    private static (string? Code, string? Message) ReadErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("error", out var error))
                return (null, null);
            if (error.ValueKind == JsonValueKind.String)
                return (null, Short(error.GetString()));
            if (error.ValueKind != JsonValueKind.Object)
                return (null, null);
            var code = Text(error, "code") ?? Text(error, "type");
            return (code, Short(Text(error, "message")));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Connection(HttpRequestException http) => http.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "its host name does not resolve",
        HttpRequestError.ConnectionError when Find<SocketException>(http) is { SocketErrorCode: SocketError.ConnectionRefused } =>
            "nothing accepts connections there (connection refused)",
        HttpRequestError.SecureConnectionError => "the secure (TLS) connection could not be set up",
        _ => Short(http.Message) ?? "the connection failed",
    };

    private static string DefaultEndpoint(string provider) =>
        provider == Core.Bots.ModelSettings.Anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1";

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
        }

        return null;
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>One line, at most <see cref="MaxCause"/> characters: a provider's message can be a page long.</summary>
    private static string? Short(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return line.Length <= MaxCause ? line : line[..(MaxCause - 1)] + "…";
    }
}
