namespace Parley.Core.Conversations;

/// <summary>
/// Why an answer could not be produced, stored with it for the bot's owner: the facts, not a sentence, so each
/// reader is told as much as their key may know (a workspace key does not learn the server's own model endpoint).
/// </summary>
/// <param name="Reason">One of the reason codes below.</param>
/// <param name="Endpoint">The model provider's base URL, when a provider was called.</param>
/// <param name="Model">The model name asked for.</param>
/// <param name="DeploymentModel">The server's model (<c>Parley:Model</c>) rather than the bot's own.</param>
/// <param name="Status">The provider's HTTP status, when it answered.</param>
/// <param name="Cause">What went wrong, in words: the provider's own error message, or what the connection did.</param>
public sealed record AnswerFailure(string Reason, string? Endpoint, string? Model, bool DeploymentModel, int? Status, string? Cause)
{
    /// <summary>The workspace had too few credits left to reserve the answer (never stored: nothing is).</summary>
    public const string CreditsExhausted = "credits_exhausted";

    /// <summary>The provider answered 401 or 403: the API key is wrong, missing or not allowed.</summary>
    public const string ProviderKeyRefused = "provider_key_refused";

    /// <summary>No answer from the provider: connection refused, name unknown, timed out, or an address Parley may not call.</summary>
    public const string ProviderUnreachable = "provider_unreachable";

    /// <summary>The provider does not know the model name.</summary>
    public const string ModelUnknown = "model_unknown";

    /// <summary>Any other provider failure: server errors after the retries, rate limits, a stream that broke off.</summary>
    public const string ProviderError = "provider_error";

    /// <summary>Parley itself failed; the server log has the details.</summary>
    public const string InternalError = "internal_error";
}
