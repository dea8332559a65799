using System.Text.RegularExpressions;
using Parley.Core.Bots;
using Parley.Server.Api;

namespace Parley.Server.Bots;

/// <summary>
/// Reads the <c>widget</c> object of a bot body. Absent fields keep their value; <c>null</c> clears the title
/// and the avatar. The colour and the avatar end up in a visitor's page, so only a plain <c>#rrggbb</c> and an
/// http(s) address are accepted.
/// </summary>
internal static partial class WidgetSettingsReader
{
    public static WidgetAppearance Read(JsonFields fields, WidgetAppearance current)
    {
        var widget = fields.Object("widget");
        if (widget is null)
            return current;

        widget.RejectUnknown("color", "position", "title", "avatar_url");
        widget.RejectNull("color", "position");
        var color = widget.String("color", 7);
        if (color is not null && !HexColor().IsMatch(color))
            widget.Fail("color", "'widget.color' must be a colour such as #4f46e5.");

        var position = widget.String("position", 8) switch
        {
            null => current.Position,
            "right" => WidgetPosition.Right,
            "left" => WidgetPosition.Left,
            _ => Invalid(widget, "position", "'widget.position' must be \"right\" or \"left\".", current.Position),
        };

        var title = widget.String("title", 80, allowEmpty: true);
        var avatar = widget.String("avatar_url", 2_000, allowEmpty: true);
        if (!string.IsNullOrWhiteSpace(avatar) &&
            (!Uri.TryCreate(avatar, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            widget.Fail("avatar_url", "'widget.avatar_url' must be an http or https address.");

        return new WidgetAppearance(
            color?.ToLowerInvariant() ?? current.Color,
            position,
            widget.Has("title") ? Blank(title) : current.Title,
            widget.Has("avatar_url") ? Blank(avatar) : current.AvatarUrl);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static T Invalid<T>(JsonFields fields, string name, string message, T fallback)
    {
        fields.Fail(name, message);
        return fallback;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
