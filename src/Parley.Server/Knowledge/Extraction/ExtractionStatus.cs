namespace Parley.Server.Knowledge.Extraction;

public enum ExtractionStatus
{
    Extracted,

    /// <summary>Read, but without text: a scanned PDF, an empty page.</summary>
    Empty,

    /// <summary>Not a type Parley reads: HTML, PDF, DOCX, Markdown or plain text.</summary>
    Unsupported,

    /// <summary>A supported type that could not be read: a damaged or encrypted file.</summary>
    Failed,
}
