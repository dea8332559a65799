using Parley.Core.Bots;

namespace Parley.Server.Bots;

/// <summary>A bot's widget appearance on the wire: <c>position</c> is "right" or "left".</summary>
public sealed record WidgetResponse(string Color, string Position, string? Title, string? AvatarUrl)
{
    public static WidgetResponse From(WidgetAppearance w) =>
        new(w.Color, w.Position == WidgetPosition.Left ? "left" : "right", w.Title, w.AvatarUrl);
}
