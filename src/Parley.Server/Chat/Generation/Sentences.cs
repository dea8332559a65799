using System.Text;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Splits prose into whole sentences and drops Markdown line syntax (headings, list bullets, quotes)
/// so quoted sentences read cleanly. A code block belongs to the sentence that introduces it (one
/// ending in a colon), since the code is usually the answer; other code blocks and tables are skipped.
/// </summary>
public static class Sentences
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        StringBuilder? fence = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (fence is null)
                {
                    fence = new StringBuilder(line.Trim());
                    continue;
                }

                fence.Append('\n').Append(line.Trim());
                AttachCode(sentences, fence.ToString());
                fence = null;
                continue;
            }

            if (fence is not null)
            {
                fence.Append('\n').Append(line);
                continue;
            }

            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('|'))
                continue;
            SplitLine(StripLineMarkup(line), sentences);
        }

        return sentences;
    }

    private static void AttachCode(List<string> sentences, string block)
    {
        if (sentences.Count > 0 && sentences[^1].EndsWith(':'))
            sentences[^1] += "\n\n" + block + "\n\n";
    }

    private static string StripLineMarkup(string line)
    {
        line = line.TrimStart('#', '>', ' ');
        if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            line = line[2..];
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        if (dot is > 0 and <= 3 && line[..dot].All(char.IsDigit))
            line = line[(dot + 2)..];
        return line.Trim();
    }

    private static void SplitLine(string line, List<string> sentences)
    {
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            current.Append(line[i]);
            var end = line[i] is '.' or '!' or '?' && (i + 1 == line.Length || line[i + 1] == ' ');
            if (end && !IsAbbreviation(current))
                Flush();
        }

        Flush();

        void Flush()
        {
            var sentence = current.ToString().Trim();
            if (sentence.Length > 1)
                sentences.Add(EndsLikeSentence(sentence) ? sentence : sentence + ".");
            current.Clear();
        }
    }

    private static bool EndsLikeSentence(string sentence) => sentence[^1] is '.' or '!' or '?' or ':' or '`' or ')';

    private static bool IsAbbreviation(StringBuilder sentence)
    {
        var text = sentence.ToString();
        return text.EndsWith("e.g.", StringComparison.OrdinalIgnoreCase) || text.EndsWith("i.e.", StringComparison.OrdinalIgnoreCase)
            || text.EndsWith("etc.", StringComparison.OrdinalIgnoreCase) || text.EndsWith("vs.", StringComparison.OrdinalIgnoreCase);
    }
}
