namespace Parley.Server.Widget;

/// <summary>What the widget needs to draw itself for a bot: only what a visitor may see, never the settings behind it.</summary>
public sealed record WidgetConfigResponse(
    string BotId,
    string Title,
    string? WelcomeMessage,
    IReadOnlyList<string> SuggestedQuestions,
    bool CitationsEnabled,
    string Color,
    string Position,
    string? AvatarUrl);
