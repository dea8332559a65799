using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// Decodes a body as a browser would, simplified: a byte order mark wins, then the declared charset, then
/// for HTML a <c>&lt;meta charset&gt;</c> in the first 1024 bytes, then UTF-8.
/// </summary>
public static partial class BodyText
{
    public static string Decode(ReadOnlySpan<byte> body, string? charset, string? mediaType)
    {
        var encoding = FromByteOrderMark(body, out var bomLength)
            ?? Find(charset)
            ?? (IsHtml(mediaType) ? Find(MetaCharset(body)) : null)
            ?? Encoding.UTF8;
        return encoding.GetString(body[bomLength..]);
    }

    /// <summary>An encoding by its label; WHATWG reads latin-1 and ASCII labels as windows-1252.</summary>
    public static Encoding? Find(string? label)
    {
        var name = label?.Trim().Trim('"', '\'').ToLowerInvariant();
        if (string.IsNullOrEmpty(name))
            return null;
        if (name is "iso-8859-1" or "latin1" or "l1" or "ascii" or "us-ascii" or "iso8859-1" or "iso_8859-1")
            name = "windows-1252";
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> body, out int length)
    {
        (length, var encoding) = body switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (3, Encoding.UTF8),
            [0xFE, 0xFF, ..] => (2, Encoding.BigEndianUnicode),
            [0xFF, 0xFE, ..] => (2, Encoding.Unicode),
            _ => (0, (Encoding?)null),
        };
        return encoding;
    }

    private static bool IsHtml(string? mediaType) => mediaType is null or "text/html" or "application/xhtml+xml";

    private static string? MetaCharset(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 1024)]);
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
