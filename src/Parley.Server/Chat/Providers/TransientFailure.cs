using System.ClientModel;
using Anthropic.Exceptions;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Which provider failures are worth another try: the connection failed, the provider is rate limiting (429),
/// overloaded (Anthropic's 529 or its <c>overloaded_error</c> event) or had a server error (5xx), or the request
/// timed out (408). Anything else (a bad key, an unknown model, a prompt too long) fails the same way again.
/// </summary>
internal static class TransientFailure
{
    public static bool Is(Exception e, ProviderResponse? seen) => !Refused(e) && e switch
    {
        ClientResultException { Status: var status } => status == 0 || IsTransientStatus(status),
        AnthropicApiException { StatusCode: var status } => IsTransientStatus((int)status),
        AnthropicSseException sse => IsTransientEvent(sse.Body.ToString()),
        AnthropicIOException => true,
        HttpRequestException { StatusCode: { } status } => IsTransientStatus((int)status),
        HttpRequestException or IOException => true,
        _ when seen?.Status is { } status => IsTransientStatus(status),
        _ => e.InnerException is { } inner && Is(inner, seen),
    };

    /// <summary>An endpoint at a refused address is refused again: no retry.</summary>
    private static bool Refused(Exception? e) =>
        e is not null && (e is Knowledge.Fetching.AddressRefusedException || Refused(e.InnerException));

    private static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    private static bool IsTransientEvent(string body) =>
        body.Contains("overloaded_error", StringComparison.Ordinal) ||
        body.Contains("rate_limit_error", StringComparison.Ordinal) ||
        body.Contains("api_error", StringComparison.Ordinal);
}
