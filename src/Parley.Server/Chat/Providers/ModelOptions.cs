using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Section <c>Parley:Model</c>: the model of every bot that sets none of its own, and how provider calls are
/// retried. <c>extractive</c> (the default) needs no model; <c>openai</c> calls any OpenAI-compatible
/// chat-completions endpoint; <c>anthropic</c> calls the Anthropic Messages API.
/// </summary>
public sealed class ModelOptions : IValidatableObject
{
    public const string Section = "Parley:Model";

    [RegularExpression("^(extractive|openai|anthropic)$", ErrorMessage = "Parley:Model:Provider must be 'extractive', 'openai' or 'anthropic'.")]
    public string Provider { get; set; } = "extractive";

    public Uri? BaseUrl { get; set; }

    /// <summary>Give it through the environment (<c>Parley__Model__ApiKey</c>), never a file in a repository.</summary>
    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    [Range(1, 200_000)]
    public int? MaxTokens { get; set; }

    [Range(512, 2_000_000)]
    public int? ContextTokens { get; set; }

    /// <summary>
    /// Lets a bot's own <c>base_url</c> reach loopback and private addresses (a model on this host or network).
    /// Off by default, since workspace keys set bots' URLs; the deployment's <see cref="BaseUrl"/> may always.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Attempts after the first when a provider fails before the answer has started.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each later one doubles it.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMs { get; set; } = 250;

    /// <summary>
    /// The longest a provider's <c>Retry-After</c> is honoured; a longer wait fails the turn at once, since
    /// a visitor will not watch a spinner for a minute.
    /// </summary>
    [Range(0, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>How long one provider request may take, from sending it to the end of the streamed answer.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is "openai" or "anthropic" && string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Parley:Model:Provider '{Provider}' needs Parley:Model:Model.", [nameof(Model)]);
        if (BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Parley:Model:BaseUrl must be an absolute http or https address.", [nameof(BaseUrl)]);
    }
}
