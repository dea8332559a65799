namespace Parley.Server.Knowledge.Extraction;

/// <summary>The document, or why there is none (as data: a crawler records it against the page).</summary>
public sealed record ExtractionResult(ExtractionStatus Status, ExtractedDocument? Document, string? Error)
{
    public bool IsExtracted => Status == ExtractionStatus.Extracted;

    public static ExtractionResult Extracted(ExtractedDocument document) =>
        string.IsNullOrWhiteSpace(document.Markdown)
            ? new(ExtractionStatus.Empty, document, "The document has no text.")
            : new(ExtractionStatus.Extracted, document, null);

    public static ExtractionResult Unsupported(string what) =>
        new(ExtractionStatus.Unsupported, null, $"{what} is not a supported type: send HTML, PDF, DOCX, Markdown or plain text.");

    public static ExtractionResult Failed(string error) => new(ExtractionStatus.Failed, null, error);
}
