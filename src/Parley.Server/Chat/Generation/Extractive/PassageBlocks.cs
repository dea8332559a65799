namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>What a block of a passage is: a paragraph of prose, a list, a table or a fenced code block.</summary>
internal enum BlockKind
{
    Prose,
    List,
    Table,
    Code,
}

/// <summary>
/// One block of a passage as written (Markdown): a paragraph's lines, a list's items (each with its wrapped
/// lines), a table's rows, or a code block's lines without its fences.
/// </summary>
internal sealed record PassageBlock(BlockKind Kind, IReadOnlyList<string> Lines, string? Language = null)
{
    /// <summary>A paragraph's text on one line, the way it reads.</summary>
    public string Paragraph => string.Join(' ', Lines);
}

/// <summary>
/// Reads a passage (Markdown, as the extractors and the chunker write it) into its blocks in reading order, so
/// an answer can quote a sentence together with the list, steps, table or code it introduces.
/// </summary>
internal static class PassageBlocks
{
    public static List<PassageBlock> Parse(string text)
    {
        var blocks = new List<PassageBlock>();
        var lines = new List<string>();
        var kind = BlockKind.Prose;
        string? language = null;
        var inFence = false;

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (IsFence(trimmed))
            {
                if (inFence)
                {
                    Flush();
                    inFence = false;
                }
                else
                {
                    Flush();
                    inFence = true;
                    kind = BlockKind.Code;
                    language = trimmed.TrimStart('`', '~').Trim() is { Length: > 0 } lang ? lang : null;
                }

                continue;
            }

            if (inFence)
            {
                lines.Add(line);
                continue;
            }

            if (trimmed.Length == 0 || IsHeading(trimmed) || IsRule(trimmed))
            {
                Flush();
                continue;
            }

            var lineKind = IsTableRow(trimmed) ? BlockKind.Table : ListItem(trimmed) is not null ? BlockKind.List : BlockKind.Prose;
            if (kind == BlockKind.List && lineKind == BlockKind.Prose && lines.Count > 0)
            {
                // A wrapped line, or one indented under the item, continues the item.
                lines[^1] += " " + trimmed;
                continue;
            }

            if (lines.Count > 0 && lineKind != kind)
                Flush();
            kind = lineKind;
            if (kind == BlockKind.Table && IsTableSeparator(trimmed))
                continue;
            lines.Add(kind == BlockKind.Prose ? trimmed.TrimStart('>').TrimStart() : trimmed);
        }

        Flush();
        return blocks;

        void Flush()
        {
            // An unclosed fence (a passage cut inside one) still holds code.
            if (lines.Count > 0 && (kind != BlockKind.Code || lines.Exists(l => l.Trim().Length > 0)))
                blocks.Add(new PassageBlock(kind, kind == BlockKind.Code ? TrimBlankEdges(lines) : lines.ToList(), language));
            lines = [];
            kind = BlockKind.Prose;
            language = null;
        }
    }

    /// <summary>The item's text without its marker ("- ", "* ", "1. "), or null for a line that is no list item.</summary>
    public static string? ListItem(string line)
    {
        line = line.TrimStart();
        if (line.Length > 2 && line[0] is '-' or '*' or '+' && line[1] == ' ')
            return line[2..].TrimStart();
        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
            digits++;
        return digits > 0 && line.Length > digits + 1 && line[digits] is '.' or ')' && line[digits + 1] == ' '
            ? line[(digits + 2)..].TrimStart()
            : null;
    }

    /// <summary>Table rows come as "| a | b |" from Markdown and as "a | b" from HTML tables.</summary>
    public static IReadOnlyList<string> Cells(string row) =>
        row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static bool IsFence(string line) =>
        line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal);

    private static bool IsHeading(string line)
    {
        var hashes = line.Length - line.TrimStart('#').Length;
        return hashes is >= 1 and <= 6 && (line.Length == hashes || line[hashes] == ' ');
    }

    private static bool IsTableRow(string line) =>
        line.StartsWith('|') || line.EndsWith('|') || line.Contains(" | ", StringComparison.Ordinal);

    private static bool IsTableSeparator(string line) =>
        line.Contains('-') && line.All(c => c is '-' or '|' or ':' or ' ');

    private static bool IsRule(string line) =>
        line.Length >= 3 && line.Distinct().Count(c => c != ' ') == 1 && line[0] is '-' or '*' or '_' or '=';

    private static List<string> TrimBlankEdges(List<string> lines)
    {
        var start = lines.FindIndex(l => l.Trim().Length > 0);
        var end = lines.FindLastIndex(l => l.Trim().Length > 0);
        return lines.GetRange(start, end - start + 1);
    }
}
