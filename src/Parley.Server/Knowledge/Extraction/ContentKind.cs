namespace Parley.Server.Knowledge.Extraction;

public enum ContentKind
{
    Html,
    Pdf,
    Docx,
    Markdown,
    PlainText,
}
