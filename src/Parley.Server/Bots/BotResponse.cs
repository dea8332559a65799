using Parley.Core.Bots;

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
    IReadOnlyList<string> SuggestedQuestions,
    WidgetResponse Widget,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BotResponse From(Bot bot) => new(
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
        new FiltersResponse(bot.Filters.RedactPii, bot.Filters.BlockedTerms),
        bot.SuggestedQuestions,
        WidgetResponse.From(bot.Widget),
        bot.CreatedAt,
        bot.UpdatedAt);
}

public sealed record RateLimitResponse(int MaxMessages, int WindowSeconds);

public sealed record FiltersResponse(bool RedactPii, IReadOnlyList<string> BlockedTerms);
