namespace Parley.Core.Bots;

/// <summary>
/// The model that embeds one bot's knowledge and questions, when the bot chooses its own rather than the
/// deployment's. <see cref="Provider"/> is <c>local</c>, <c>openai</c> (any OpenAI-compatible endpoint) or
/// <c>none</c> (words only).
/// </summary>
public sealed record EmbeddingSettings
{
    public required string Provider { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? Model { get; init; }

    /// <summary>The endpoint's key, encrypted with the deployment's Data Protection key ring; never returned.</summary>
    public string? ProtectedApiKey { get; init; }
}
