using System.Net.Http.Headers;
using System.Text;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>
/// Turns fetched or uploaded bytes into an <see cref="ExtractedDocument"/>, choosing the reader by media
/// type, and where that says little (none, <c>application/octet-stream</c>, <c>text/plain</c>) by file
/// extension and the first bytes. Unsupported types and unreadable files come back as results.
/// </summary>
public static class ContentExtractor
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static ExtractionResult Extract(FetchResult fetched) =>
        Extract(fetched.Body, fetched.MediaType, fetched.Charset, fetched.FinalUrl, fileName: null);

    /// <param name="contentType">The Content-Type as sent, parameters included (<c>text/html; charset=utf-8</c>).</param>
    /// <param name="url">Where the content lives, for links, anchors and the extension.</param>
    /// <param name="fileName">An upload's file name, for its extension and as the last-resort title.</param>
    public static ExtractionResult Extract(byte[] content, string? contentType, Uri? url = null, string? fileName = null)
    {
        var parsed = MediaTypeHeaderValue.TryParse(contentType, out var value) ? value : null;
        return Extract(content, parsed?.MediaType, parsed?.CharSet, url, fileName);
    }

    private static ExtractionResult Extract(byte[] content, string? mediaType, string? charset, Uri? url, string? fileName)
    {
        mediaType = mediaType?.Trim().ToLowerInvariant();
        var name = fileName ?? (url is { IsAbsoluteUri: true } ? Uri.UnescapeDataString(url.AbsolutePath) : null);
        var kind = Detect(content, mediaType, Path.GetExtension(name)?.ToLowerInvariant());
        if (kind is null)
            return ExtractionResult.Unsupported(mediaType is null or "application/octet-stream" && !string.IsNullOrEmpty(Path.GetExtension(name))
                ? $"A {Path.GetExtension(name)} file"
                : $"'{mediaType ?? "unknown"}'");

        var fallbackTitle = fileName is not null ? Path.GetFileNameWithoutExtension(fileName) : Titles.FromUrl(url);
        try
        {
            var document = kind switch
            {
                ContentKind.Html => HtmlExtractor.Extract(Text(), url),
                ContentKind.Pdf => PdfExtractor.Extract(content, fallbackTitle),
                ContentKind.Docx => DocxExtractor.Extract(content, fallbackTitle),
                ContentKind.Markdown => MarkdownExtractor.Extract(Text(), url, fallbackTitle),
                _ => PlainText(Text(), fallbackTitle),
            };
            return ExtractionResult.Extracted(document);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ExtractionResult.Failed($"The {kind} file could not be read: {e.Message}");
        }

        string Text() => BodyText.Decode(content, charset, kind == ContentKind.Html ? "text/html" : mediaType);
    }

    /// <summary>Which reader fits, or null when none does.</summary>
    public static ContentKind? Detect(ReadOnlySpan<byte> content, string? mediaType, string? extension)
    {
        switch (mediaType)
        {
            case "text/html" or "application/xhtml+xml":
                return ContentKind.Html;
            case "application/pdf":
                return ContentKind.Pdf;
            case DocxType:
                return ContentKind.Docx;
            case "text/markdown" or "text/x-markdown":
                return ContentKind.Markdown;
        }

        // Servers send .md files as text/plain and uploads arrive as octet-stream: the name and bytes decide.
        if (mediaType is null or "application/octet-stream" or "binary/octet-stream" or "text/plain")
        {
            if (content.StartsWith("%PDF-"u8))
                return ContentKind.Pdf;
            switch (extension)
            {
                case ".docx" when content.StartsWith("PK"u8):
                    return ContentKind.Docx;
                case ".md" or ".markdown" or ".mdown" or ".mkd":
                    return ContentKind.Markdown;
                case ".html" or ".htm" or ".xhtml":
                    return ContentKind.Html;
                case ".txt" or ".text":
                    return ContentKind.PlainText;
            }

            if (mediaType == "text/plain")
                return ContentKind.PlainText;
            if (mediaType is null && LooksLikeHtml(content))
                return ContentKind.Html;
            if (mediaType is null && !content.Contains((byte)0))
                return ContentKind.PlainText;
            return null;
        }

        return mediaType.StartsWith("text/", StringComparison.Ordinal) && mediaType is not ("text/css" or "text/javascript" or "text/ecmascript")
            ? ContentKind.PlainText
            : null;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> content)
    {
        // Latin-1 maps each byte to one char, so a UTF-8 byte order mark reads as "ï»¿".
        var start = Encoding.Latin1.GetString(content[..Math.Min(content.Length, 512)]).TrimStart('\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static ExtractedDocument PlainText(string text, string fallbackTitle)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return ExtractedDocument.Of(ContentKind.PlainText, Titles.FirstLine(text) ?? fallbackTitle, text);
    }
}
