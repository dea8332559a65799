using Parley.Core.Bots;
using Parley.Server.Chat.Providers;

namespace Parley.Server.Bots;

public sealed record BotResponse(
    string Id,
    string WorkspaceId,
    string Name,
    string Privacy,
    bool Active,
    IReadOnlyList<string> AllowedDomains,
    RateLimitResponse? RateLimit,
    bool CitationsEnabled,
    string? SystemPrompt,
    string? WelcomeMessage,
    FiltersResponse Filters,
    EmbeddingResponse? Embedding,
    string WhenKnowledgeUnavailable,
    ModelResponse? Model,
    GeneratorResponse Generator,
    WebSearchResponse WebSearch,
    IReadOnlyList<string> SuggestedQuestions,
    WidgetResponse Widget,
    double? QaMatchThreshold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The bot as shown; <paramref name="deployment"/> says what a bot without a model of its own answers with.</summary>
    public static BotResponse From(Bot bot, ModelOptions deployment) => new(
        bot.Id,
        bot.WorkspaceId,
        bot.Name,
        bot.Privacy == BotPrivacy.Public ? "public" : "private",
        bot.Active,
        bot.AllowedDomains,
        bot.RateLimit is { } limit ? new RateLimitResponse(limit.MaxMessages, limit.WindowSeconds) : null,
        bot.CitationsEnabled,
        bot.SystemPrompt,
        bot.WelcomeMessage,
        new FiltersResponse(bot.Filters.RedactPii, bot.Filters.BlockedTerms, bot.Filters.BlockedTopics, bot.Filters.Grounding.ToString().ToLowerInvariant(), bot.Filters.PiiAllow),
        bot.Embedding is { } embedding
            ? new EmbeddingResponse(embedding.Provider, embedding.BaseUrl?.ToString(), embedding.Model, embedding.ProtectedApiKey is not null)
            : null,
        bot.WhenKnowledgeUnavailable == KnowledgeFallback.Decline ? "decline" : "answer",
        ModelResponse.From(bot.Model),
        bot.Model is { } own ? new GeneratorResponse(own.Provider, own.Model) : new GeneratorResponse(deployment.Provider, deployment.Model),
        new WebSearchResponse(bot.WebSearch.Enabled, bot.WebSearch.MaxResults),
        bot.SuggestedQuestions,
        WidgetResponse.From(bot.Widget),
        bot.QaMatchThreshold,
        bot.CreatedAt,
        bot.UpdatedAt);
}

public sealed record RateLimitResponse(int MaxMessages, int WindowSeconds);

public sealed record FiltersResponse(bool RedactPii, IReadOnlyList<string> BlockedTerms, IReadOnlyList<string> BlockedTopics, string Grounding, IReadOnlyList<string> PiiAllow);

/// <summary>The embedding setting as shown: the key itself is never returned, only whether one is set.</summary>
public sealed record EmbeddingResponse(string Provider, string? BaseUrl, string? Model, bool ApiKeySet);

/// <summary>
/// Read-only: what the bot answers with now, its own <c>model</c> or the server's; <c>extractive</c> is the offline
/// generator, which quotes the bot's sources and does not read the system prompt.
/// </summary>
public sealed record GeneratorResponse(string Provider, string? Model);

public sealed record WebSearchResponse(bool Enabled, int MaxResults);
