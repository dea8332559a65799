namespace Parley.Server.Knowledge.Extraction;

/// <summary>The document, or why there is none (as data: a crawler records it against the page).</summary>
public sealed record ExtractionResult(ExtractionStatus Status, ExtractedDocument? Document, string? Error)
{
    public bool IsExtracted => Status == ExtractionStatus.Extracted;

    public static ExtractionResult Extracted(ExtractedDocument document)
    {
        // A NUL in a page or file is debris, not text, and PostgreSQL cannot store it: every backend drops it.
        document = document with { Title = WithoutNul(document.Title), Markdown = WithoutNul(document.Markdown) };
        return string.IsNullOrWhiteSpace(document.Markdown)
            ? new(ExtractionStatus.Empty, document, "The document has no text.")
            : new(ExtractionStatus.Extracted, document, null);
    }

    public static ExtractionResult Unsupported(string what) =>
        new(ExtractionStatus.Unsupported, null, $"{what} is not a supported type: send HTML, PDF, DOCX, Markdown or plain text.");

    public static ExtractionResult Failed(string error) => new(ExtractionStatus.Failed, null, error);

    private static string WithoutNul(string text) => text.Replace("\0", "", StringComparison.Ordinal);
}
