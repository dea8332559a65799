using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Server.Knowledge.Fetching;
using Parley.Server.Secrets;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Tries a bot's model with one tiny call through the chat's own client (a few output tokens, no retry, a short
/// timeout), and says in an owner's words what failed: the key, the model name, the address, the time, the answer.
/// </summary>
public sealed class ModelConnectionTest(ChatClientFactory models, IOptions<ModelOptions> options, SecretProtector secrets, ILogger<ModelConnectionTest> log)
{
    /// <summary>The longest a test waits; a chat call may wait longer (<see cref="ModelOptions.TimeoutSeconds"/>), an owner should not.</summary>
    public const int MaxSeconds = 15;

    private const int OutputTokens = 5;

    public async Task<ModelTestResult> RunAsync(Bot bot, CancellationToken ct)
    {
        var choice = ModelChoice.For(bot, options.Value, secrets);
        var target = new Target(choice);
        if (choice.IsExtractive)
            return target.Success(0, "The offline generator answers from the bot's sources and needs no connection.");

        var timeout = TimeSpan.FromSeconds(Math.Min(MaxSeconds, options.Value.TimeoutSeconds));
        // The client's own timeout comes later, so that a slow provider is reported by this test's clock, as a timeout.
        using var client = models.ForTest(choice, deployment: bot.Model is null, timeout + TimeSpan.FromSeconds(5));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var updates = 0;
            var chatOptions = new ChatOptions { MaxOutputTokens = OutputTokens, Temperature = choice.Temperature };
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Say OK.")], chatOptions, deadline.Token))
                updates++;
            var ms = clock.ElapsedMilliseconds;
            return updates > 0
                ? target.Success(ms, $"The model \"{choice.Model}\" at {target.BaseUrl} answered in {ms} ms.")
                : target.Failure(ms, "bad_response", null, $"{target.BaseUrl} answered, but not as {target.Api} does. Check the base URL.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var ms = clock.ElapsedMilliseconds;
            log.LogInformation("Testing the model {Choice} failed after {Ms} ms: {Failure}", choice, ms, e.GetType().Name);
            return Explain(e, target, ms, deadline.IsCancellationRequested, timeout, choice.ApiKey);
        }
    }

    private static ModelTestResult Explain(Exception e, Target target, long ms, bool timedOut, TimeSpan timeout, string? apiKey)
    {
        var (status, body) = Response(e);
        var detail = VendorMessage(body, apiKey);
        var said = detail is null ? "" : $" The provider said: \"{detail}\"";
        return status switch
        {
            401 or 403 => target.Failure(ms, "unauthorized", status, apiKey is null
                ? $"{target.BaseUrl} asks for an API key (HTTP {status}), and none is set for this model."
                : $"{target.BaseUrl} refused the API key (HTTP {status}). Check that the key is complete, still valid and made for this provider."),
            404 when detail is null || !detail.Contains("model", StringComparison.OrdinalIgnoreCase) => target.Failure(ms, "not_found", status,
                $"Nothing answers at {target.BaseUrl} (HTTP 404). Check the base URL{target.UrlAdvice}."),
            404 => target.Failure(ms, "model_not_found", status,
                $"{target.BaseUrl} does not know the model \"{target.Model}\" (HTTP 404). Check the model's name.{said}"),
            429 => target.Failure(ms, "rate_limited", status,
                $"{target.BaseUrl} took the key but refuses more requests for now (HTTP 429): the account may be out of quota or credit, or busy.{said}"),
            408 => target.Failure(ms, "timeout", status, $"{target.BaseUrl} gave up waiting for the request (HTTP 408). Try again.{said}"),
            >= 500 => target.Failure(ms, "provider_error", status, $"{target.BaseUrl} had an error of its own (HTTP {status}). Try again later.{said}"),
            >= 400 => target.Failure(ms, "refused", status,
                $"{target.BaseUrl} refused the test request for the model \"{target.Model}\" (HTTP {status}).{said}"),
            _ when timedOut || Find<TimeoutException>(e) is not null => target.Failure(ms, "timeout", null,
                $"{target.BaseUrl} did not answer within {timeout.TotalSeconds:0} seconds. Check the address, or try again if the model was just starting."),
            _ when Find<AddressRefusedException>(e) is not null => target.Failure(ms, "unreachable", null,
                $"{target.Host} is a local or private address. A bot's model may use one only when the server sets Parley__Model__AllowPrivateNetworks=true."),
            _ when Unreachable(e) is { } why => target.Failure(ms, "unreachable", null, $"Could not connect to {target.Host}: {why}."),
            _ => target.Failure(ms, "bad_response", null, $"{target.BaseUrl} answered, but not as {target.Api} does. Check the base URL.{said}"),
        };
    }

    /// <summary>Why no connection was made, in words, or null when the failure was something else.</summary>
    private static string? Unreachable(Exception e)
    {
        if (Find<HttpRequestException>(e) is { } http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return "no such host name was found";
                case HttpRequestError.SecureConnectionError:
                    return "the secure (TLS) connection failed; check whether the address should start with http:// or https://";
                case HttpRequestError.ConnectionError:
                    break;
                default:
                    return null;
            }
        }

        return Find<SocketException>(e)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "nothing is listening at that port",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "no such host name was found",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host could not be reached from this server",
            null when Find<AuthenticationException>(e) is not null => "the secure (TLS) connection failed",
            null when Find<HttpRequestException>(e) is not null => "the connection failed",
            null => null,
            var other => $"the connection failed ({other})",
        };
    }

    /// <summary>The provider's HTTP status and error body, when it answered at all; the SDKs keep both on their exceptions.</summary>
    private static (int? Status, string? Body) Response(Exception e) => e switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } result => (result.Status, result.GetRawResponse()?.Content?.ToString()),
        Anthropic.Exceptions.AnthropicApiException api => ((int)api.StatusCode, api.ResponseBody),
        HttpRequestException { StatusCode: { } status } => ((int)status, null),
        _ when e.InnerException is { } inner => Response(inner),
        _ => (null, null),
    };

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

    /// <summary>
    /// The message of a vendor's error body (OpenAI's and Anthropic's <c>error.message</c>, Ollama's <c>error</c>, vLLM's
    /// <c>message</c>), shortened, with the key taken out should the vendor repeat it.
    /// </summary>
    private static string? VendorMessage(string? body, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        string? message;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            message = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString()
                : error.ValueKind == JsonValueKind.String ? error.GetString()
                : root.TryGetProperty("message", out var top) && top.ValueKind == JsonValueKind.String ? top.GetString()
                : root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(message))
            return null;
        if (!string.IsNullOrEmpty(apiKey))
            message = message.Replace(apiKey, "[key]", StringComparison.Ordinal);
        message = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    /// <summary>The tested endpoint, as the messages name it.</summary>
    private sealed class Target(ModelChoice choice)
    {
        public string Provider => choice.Provider;

        public string? Model => choice.Model;

        public string BaseUrl => choice.BaseUrl?.ToString().TrimEnd('/') ?? choice.Provider switch
        {
            ModelSettings.Anthropic => "https://api.anthropic.com",
            ModelSettings.OpenAI => "https://api.openai.com/v1",
            _ => "",
        };

        public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) ? url.Authority : BaseUrl;

        public string Api => Provider == ModelSettings.Anthropic ? "the Anthropic Messages API" : "an OpenAI-compatible API";

        public string UrlAdvice => Provider == ModelSettings.OpenAI && !BaseUrl.EndsWith("/v1", StringComparison.Ordinal)
            ? ": for OpenAI-compatible servers it usually ends in /v1"
            : ": it should be the API's own address, not a website's";

        public ModelTestResult Success(long ms, string message) => new(true, Provider, Model, Shown, ms, message);

        public ModelTestResult Failure(long ms, string reason, int? status, string message) =>
            new(false, Provider, Model, Shown, ms, message, reason, status);

        private string? Shown => Provider == ModelSettings.Extractive ? null : BaseUrl;
    }
}
