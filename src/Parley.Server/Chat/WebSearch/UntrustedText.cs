using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Chat.WebSearch;

/// <summary>
/// Makes text from a web search safe to quote: anyone can put anything on a web page. Markup and entities
/// become plain text, invisible and control characters (bidi overrides, zero-width tricks) go, length is
/// bounded, and only plain http(s) links survive, so a result cannot smuggle a <c>javascript:</c> link or
/// hidden instructions into an answer or a citation.
/// </summary>
internal static partial class UntrustedText
{
    public const int MaxSnippetChars = 600;
    public const int MaxTitleChars = 160;
    private const int MaxUrlChars = 2048;

    public static string Clean(string? text, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        // Decoding first means an encoded tag (&lt;script&gt;) is removed like a literal one.
        var plain = StripMarkup(WebUtility.HtmlDecode(StripMarkup(text)));
        var kept = new StringBuilder(Math.Min(plain.Length, maxChars + 16));
        foreach (var c in plain)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                    kept.Append(' ');
            }
            else if (category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                || char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }

        return Bound(kept.ToString().Trim(), maxChars);
    }

    /// <summary>The result's address if it is an ordinary absolute http(s) link without credentials; otherwise null.</summary>
    public static Uri? Link(string? url) =>
        url is { Length: > 0 and <= MaxUrlChars } && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0 && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>Cuts at the last sentence end (else word) that fits, so no half sentence is quoted as a whole one.</summary>
    private static string Bound(string text, int maxChars)
    {
        if (text.Length <= maxChars)
            return text;
        var head = text[..maxChars];
        var sentenceEnd = Math.Max(head.LastIndexOf(". ", StringComparison.Ordinal), Math.Max(head.LastIndexOf("! ", StringComparison.Ordinal), head.LastIndexOf("? ", StringComparison.Ordinal)));
        if (sentenceEnd > maxChars / 3)
            return head[..(sentenceEnd + 1)];
        var space = head.LastIndexOf(' ');
        return (space > 0 ? head[..space] : head) + " …";
    }

    // A script's or style's content is code, not words: it goes with its tags.
    private static string StripMarkup(string text) => Tags().Replace(Code().Replace(text, " "), " ");

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
