using System.Text;

namespace Parley.Server.Knowledge.Extraction;

/// <summary>Writes blocks of Markdown separated by blank lines, the shape <see cref="TextChunker"/> splits on.</summary>
internal sealed class MarkdownWriter
{
    private readonly StringBuilder _text = new();

    public void Heading(int level, string text, string? anchor)
    {
        text = Whitespace.Collapse(text);
        if (text.Length == 0)
            return;
        var suffix = anchor is { Length: > 0 } && !anchor.Any(c => char.IsWhiteSpace(c) || c is '{' or '}') ? $" {{#{anchor}}}" : "";
        Block($"{new string('#', Math.Clamp(level, 1, 6))} {text}{suffix}");
    }

    /// <summary>Lines kept together as one passage paragraph; a line that would read as a heading is escaped.</summary>
    public void Paragraph(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.StartsWith('#') || l.StartsWith("```", StringComparison.Ordinal) ? "\\" + l : l);
        Block(string.Join('\n', lines));
    }

    /// <summary>List items or table rows: one per line, indentation kept.</summary>
    public void Lines(IEnumerable<string> lines) =>
        Block(string.Join('\n', lines.Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0)));

    public void Fence(string code, string? language)
    {
        code = code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').TrimEnd();
        if (code.Trim().Length == 0)
            return;
        // The chunker toggles "in code" on any line that starts with three backticks, so none may inside.
        var lines = code.Split('\n').Select(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal) ? "\\" + l.TrimStart() : l);
        Block($"```{language}\n{string.Join('\n', lines)}\n```");
    }

    private void Block(string block)
    {
        if (block.Length == 0)
            return;
        if (_text.Length > 0)
            _text.Append("\n\n");
        _text.Append(block);
    }

    public override string ToString() => _text.ToString();
}
