namespace Parley.Core.Bots;

/// <summary>
/// The language model a bot answers with. <see cref="Provider"/> is <c>extractive</c> (no model: answers quote
/// the knowledge), <c>openai</c> (any OpenAI-compatible chat-completions endpoint) or <c>anthropic</c>.
/// <see cref="ProtectedApiKey"/> is the key encrypted with the deployment's Data Protection key ring; the
/// plain key is never stored and never returned.
/// </summary>
public sealed record ModelSettings
{
    public const string Extractive = "extractive";
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    public required string Provider { get; init; }

    public string? BaseUrl { get; init; }

    public string? ProtectedApiKey { get; init; }

    public string? Model { get; init; }

    public decimal? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>How many tokens the model reads at most; the prompt is fitted to it.</summary>
    public int? ContextTokens { get; init; }
}
