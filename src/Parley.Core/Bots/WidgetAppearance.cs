namespace Parley.Core.Bots;

/// <summary>
/// How the embedded chat widget looks on a customer's site: its accent <see cref="Color"/> (<c>#rrggbb</c>),
/// the corner it sits in, the title over the panel (the bot's name when unset) and an avatar image.
/// </summary>
public sealed record WidgetAppearance(string Color, WidgetPosition Position, string? Title, string? AvatarUrl)
{
    public static readonly WidgetAppearance Default = new("#4f46e5", WidgetPosition.Right, null, null);
}

public enum WidgetPosition
{
    Right,
    Left,
}
