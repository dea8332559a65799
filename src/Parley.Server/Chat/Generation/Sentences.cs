using System.Text;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Splits a passage (Markdown, as the extractors write it) into whole, clean sentences in reading order.
/// A paragraph's lines are joined before splitting, so a sentence that wraps is never cut in two; headings,
/// table rows, rules and code are left out, except a one-line command that a sentence ending in a colon
/// introduces ("Install it with: apt install foo"), since the command is then the answer.
/// </summary>
public static class Sentences
{
    private const int MaxInlineCodeChars = 120;

    /// <param name="text">A passage.</param>
    /// <param name="headings">Whether headings count as sentences: for a text that has nothing else to say.</param>
    public static IReadOnlyList<string> Split(string text, bool headings = false)
    {
        var sentences = new List<string>();
        var paragraph = new StringBuilder();
        List<string>? fence = null;

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                if (fence is null)
                {
                    Flush();
                    fence = [];
                }
                else
                {
                    AttachCode(sentences, fence);
                    fence = null;
                }

                continue;
            }

            if (fence is not null)
            {
                if (line.Length > 0)
                    fence.Add(line);
                continue;
            }

            if (headings && IsHeading(line))
            {
                Flush();
                paragraph.Append(line.TrimStart('#').Trim());
                Flush();
                continue;
            }

            if (line.Length == 0 || IsHeading(line) || IsTableRow(line) || IsRule(line))
            {
                Flush();
                continue;
            }

            line = line.TrimStart('>').TrimStart();
            if (ListItem(line) is { } item)
            {
                // Each list item is its own unit; its wrapped lines follow it.
                Flush();
                line = item;
            }

            paragraph.Append(paragraph.Length > 0 ? " " : "").Append(line);
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (paragraph.Length > 0)
                SplitProse(InlineMarkup.Strip(paragraph.ToString()), sentences, keepTitles: headings);
            paragraph.Clear();
        }
    }

    private static bool IsHeading(string line)
    {
        var hashes = line.Length - line.TrimStart('#').Length;
        return hashes is >= 1 and <= 6 && (line.Length == hashes || line[hashes] == ' ');
    }

    // The HTML extractor writes rows as "cell | cell" without outer pipes; Markdown writes "| cell | cell |".
    private static bool IsTableRow(string line) =>
        line.StartsWith('|') || line.EndsWith('|') || line.Contains(" | ", StringComparison.Ordinal);

    private static bool IsRule(string line) =>
        line.Length >= 3 && line.All(c => c is '-' or '*' or '_' or '=' or ' ' or ':');

    private static string? ListItem(string line)
    {
        if (line.Length > 2 && line[0] is '-' or '*' or '+' && line[1] == ' ')
            return line[2..].TrimStart();
        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
            digits++;
        return digits > 0 && line.Length > digits + 1 && line[digits] is '.' or ')' && line[digits + 1] == ' '
            ? line[(digits + 2)..].TrimStart()
            : null;
    }

    private static void AttachCode(List<string> sentences, List<string> code)
    {
        if (sentences.Count > 0 && sentences[^1].EndsWith(':') && code is [var command] && command.Length <= MaxInlineCodeChars)
            sentences[^1] += " " + command.TrimStart('$', '#', ' ');
    }

    private static void SplitProse(string text, List<string> sentences, bool keepTitles)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
                continue;
            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019')
                end++;
            if (end < text.Length && (text[end] != ' ' || !StartsSentence(text, end + 1)))
                continue;
            if (IsAbbreviation(text, start, i))
                continue;
            Add(text[start..end]);
            start = end;
            i = end - 1;
        }

        Add(text[start..]);

        void Add(string sentence)
        {
            // A list item often ends in the separator that joined it to the next one.
            sentence = sentence.Trim().TrimEnd(';', ',').TrimEnd();
            if (sentence.Length <= 1 || !sentence.Any(char.IsLetterOrDigit))
                return;
            if (sentence[^1] is '.' or '!' or '?' or ':' or '"' or ')' or '\u201D')
                sentences.Add(sentence);
            else if (keepTitles || !IsTitle(sentence))
                sentences.Add(sentence + ".");
        }
    }

    /// <summary>A line without a full stop whose words are mostly capitalised is a title, caption or link, not a sentence.</summary>
    private static bool IsTitle(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 12 && words.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0])) * 2 >= words.Length;
    }

    private static bool StartsSentence(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
            at++;
        return at >= text.Length || char.IsUpper(text[at]) || char.IsDigit(text[at]) || text[at] is '"' or '\'' or '(' or '\u201C' or '[' or '`';
    }

    private static readonly string[] Abbreviations = ["e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "fig", "approx", "incl", "resp"];

    private static bool IsAbbreviation(string text, int start, int dot)
    {
        if (text[dot] != '.')
            return false;
        var wordStart = dot;
        while (wordStart > start && text[wordStart - 1] is not ' ' and not '(')
            wordStart--;
        var word = text[wordStart..dot].ToLowerInvariant();
        // A single capital is an initial ("J. Smith"), not the end of a sentence.
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsLetter(word[0]) && char.IsUpper(text[wordStart]));
    }
}
