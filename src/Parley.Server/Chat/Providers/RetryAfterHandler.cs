using System.Globalization;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Notes the status and the <c>Retry-After</c> (or Anthropic's and OpenAI's <c>retry-after-ms</c>) of a
/// provider's failed responses, so the retry policy can wait as long as the provider asked; for a connection
/// test, also the start of the body, which says what the provider objected to.
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
            if (seen.KeepsBody)
                seen.Body = await ReadStartAsync(response, cancellationToken);
        }

        return response;
    }

    /// <summary>Reads the first few kilobytes of an error body, buffered so that the SDK still reads it whole.</summary>
    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(16 * 1024, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return text.Length > 4_000 ? text[..4_000] : text;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return null;
        }
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
