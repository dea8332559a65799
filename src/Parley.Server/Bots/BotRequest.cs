namespace Parley.Server.Bots;

/// <summary>
/// The body of a bot create or update, for the OpenAPI document; <see cref="BotSettingsReader"/> reads and
/// validates it. On update, absent fields keep their value.
/// </summary>
public sealed record BotRequest(
    string? WorkspaceId,
    string? Name,
    string? Privacy,
    bool? Active,
    IReadOnlyList<string>? AllowedDomains,
    RateLimitResponse? RateLimit,
    bool? CitationsEnabled,
    string? SystemPrompt,
    string? WelcomeMessage,
    FiltersResponse? Filters,
    ModelRequest? Model,
    IReadOnlyList<string>? SuggestedQuestions,
    WidgetResponse? Widget);
