using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Reduces a line of Markdown (or stray HTML) to the words a reader sees: links and images keep their text,
/// emphasis and inline code lose their marks, heading anchors, footnote markers and tags go. What is left is
/// safe to quote as plain prose in an answer.
/// </summary>
public static partial class InlineMarkup
{
    public static string Strip(string text)
    {
        if (text.Length == 0)
            return text;
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = ReferenceLink().Replace(text, "$1");
        text = Footnote().Replace(text, "");
        text = HeadingAnchor().Replace(text, "");
        text = AutoLink().Replace(text, "");
        text = Tag().Replace(text, " ");
        text = InlineCode().Replace(text, "$1");
        text = Strong().Replace(text, "$2");
        text = Emphasis().Replace(text, "$1");
        text = Underscored().Replace(text, "$1");
        text = Struck().Replace(text, "$1");
        text = Escape().Replace(text, "$1");
        text = WebUtility.HtmlDecode(text);
        return Spaces().Replace(text, " ").Trim();
    }

    /// <summary>Whether the text still carries an address: a sentence built around one reads badly without it.</summary>
    public static bool HasAddress(string text) => Address().IsMatch(text);

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[([^\]^][^\]]*)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"\[\^?\d{1,3}\]")]
    private static partial Regex Footnote();

    [GeneratedRegex(@"\s*\{#[^}\s]*\}")]
    private static partial Regex HeadingAnchor();

    [GeneratedRegex(@"<(?:https?|mailto|ftp):[^>\s]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"`+([^`]+?)`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")]
    private static partial Regex Underscored();

    [GeneratedRegex(@"~~(?=\S)(.+?)(?<=\S)~~")]
    private static partial Regex Struck();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|>~])")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:https?|ftp)://|\bwww\.[a-z0-9-]+\.|\bmailto:", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
