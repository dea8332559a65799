namespace Parley.Server.Chat.Providers;

/// <summary>
/// What the HTTP layer saw of a provider's last failed response, for the retry policy: the SDKs' exceptions
/// do not all carry the response headers, so <see cref="RetryAfterHandler"/> records them here for the call
/// that is in flight on this async flow.
/// </summary>
internal sealed class ProviderResponse
{
    private static readonly AsyncLocal<ProviderResponse?> Ambient = new();

    public int? Status { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public static ProviderResponse? Current => Ambient.Value;

    /// <summary>Starts recording for the provider call made next on this flow.</summary>
    public static ProviderResponse Track() => Ambient.Value = new ProviderResponse();
}
