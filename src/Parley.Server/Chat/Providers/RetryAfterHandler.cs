using System.Globalization;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Notes the status and the <c>Retry-After</c> (or Anthropic's and OpenAI's <c>retry-after-ms</c>) of a
/// provider's failed responses, so the retry policy can wait as long as the provider asked.
/// </summary>
internal sealed class RetryAfterHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && ProviderResponse.Current is { } seen)
        {
            seen.Status = (int)response.StatusCode;
            seen.RetryAfter = RetryAfter(response);
        }

        return response;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }
}
