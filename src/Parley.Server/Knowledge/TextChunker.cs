using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Knowledge;
using Parley.Embeddings.Local;

namespace Parley.Server.Knowledge;

/// <summary>
/// Splits a text into passages that follow its Markdown headings and stay within a token budget,
/// repeating the last paragraph of a full passage at the start of the next so no answer is cut in two.
/// Tokens are counted as the offline embedding model counts them: a passage with its title and heading
/// fits the model's 256-token window, so no passage is embedded with its end cut off.
/// A passage under a heading cites the page with that section's <c>#anchor</c>: the one the heading
/// names in a trailing <c>{#id}</c> (as extracted pages carry their element ids), else its slug.
/// </summary>
public static partial class TextChunker
{
    /// <summary>Tokens of passage text; the other 56 of the model's window leave room for the title, heading and markers.</summary>
    public const int MaxTokens = 200;

    public static IReadOnlyList<Chunk> Split(string pageTitle, string? url, string text)
    {
        var chunks = new List<Chunk>();
        foreach (var (heading, anchor, paragraphs) in Sections(text))
        {
            var sectionUrl = url is not null && heading is not null ? $"{url.Split('#')[0]}#{anchor ?? Slug(heading)}" : url;
            var current = new List<string>();
            var tokens = 0;
            foreach (var (paragraph, count) in KeepIntroductions(paragraphs).SelectMany(SplitLongParagraph))
            {
                if (tokens > 0 && tokens + count > MaxTokens)
                {
                    chunks.Add(new Chunk(chunks.Count, pageTitle, sectionUrl, heading, string.Join("\n\n", current)));
                    var overlap = current[^1];
                    tokens = Tokens(overlap);
                    current = tokens <= MaxTokens / 4 ? [overlap] : [];
                    tokens = current.Count > 0 ? tokens : 0;
                }

                current.Add(paragraph);
                tokens += count;
            }

            if (current.Count > 0)
                chunks.Add(new Chunk(chunks.Count, pageTitle, sectionUrl, heading, string.Join("\n\n", current)));
        }

        // A text of headings alone ("# Open 9 to 5 on weekdays") still says something: keep it whole.
        if (chunks.Count == 0 && !string.IsNullOrWhiteSpace(text))
            chunks.Add(new Chunk(0, pageTitle, url, null, text.Trim()));
        return chunks;
    }

    /// <summary>
    /// The anchor a passage under this heading cites (the text after the <c>#</c>s of a Markdown heading line):
    /// the id it names in a trailing <c>{#id}</c>, else its <see cref="Slug"/>. Pages that show a text give
    /// their headings these ids, so the citations land.
    /// </summary>
    public static string Anchor(string heading)
    {
        var (text, anchor) = ReadHeading(heading.Trim());
        return anchor ?? Slug(text);
    }

    /// <summary>GitHub-style heading anchors: lower case, spaces to hyphens, punctuation dropped.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }

        return slug.ToString();
    }

    private static IEnumerable<(string? Heading, string? Anchor, List<string> Paragraphs)> Sections(string text)
    {
        string? heading = null;
        string? anchor = null;
        var paragraphs = new List<string>();
        var paragraph = new StringBuilder();
        var inFence = false;

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;

            if (!inFence && line.StartsWith('#') && line.TrimStart('#').StartsWith(' '))
            {
                Flush();
                if (paragraphs.Count > 0)
                    yield return (heading, anchor, paragraphs);
                (heading, anchor) = ReadHeading(line.TrimStart('#').Trim());
                paragraphs = [];
            }
            else if (!inFence && line.Length == 0)
            {
                Flush();
            }
            else
            {
                paragraph.Append(paragraph.Length > 0 ? "\n" : "").Append(line);
            }
        }

        Flush();
        if (paragraphs.Count > 0)
            yield return (heading, anchor, paragraphs);

        void Flush()
        {
            if (paragraph.Length > 0)
                paragraphs.Add(paragraph.ToString());
            paragraph.Clear();
        }
    }

    /// <summary>"Install {#setup}" is the heading "Install" with the anchor "setup".</summary>
    private static (string Heading, string? Anchor) ReadHeading(string heading)
    {
        var match = ExplicitAnchor().Match(heading);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (heading, null);
    }

    [GeneratedRegex(@"^(.*?)\s*\{#([^\s{}]+)\}$")]
    private static partial Regex ExplicitAnchor();

    /// <summary>
    /// A sentence ending in a colon is joined to the list, table or code block it introduces, so the two always
    /// land in one passage: an answer quoting "Paste this tag into your page:" needs the tag.
    /// </summary>
    private static IEnumerable<string> KeepIntroductions(List<string> paragraphs)
    {
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (i + 1 < paragraphs.Count && paragraphs[i].EndsWith(':') && IsBlock(paragraphs[i + 1]))
            {
                yield return $"{paragraphs[i]}\n\n{paragraphs[i + 1]}";
                i++;
            }
            else
            {
                yield return paragraphs[i];
            }
        }
    }

    private static bool IsBlock(string paragraph)
    {
        var first = paragraph.TrimStart();
        return first.StartsWith("```", StringComparison.Ordinal) || first.StartsWith("~~~", StringComparison.Ordinal)
            || first.StartsWith("- ", StringComparison.Ordinal) || first.StartsWith("* ", StringComparison.Ordinal)
            || first.StartsWith('|') || first.Contains(" | ", StringComparison.Ordinal)
            || (first.Length > 2 && char.IsAsciiDigit(first[0]) && first.IndexOf(". ", StringComparison.Ordinal) is > 0 and <= 3);
    }

    /// <summary>
    /// The paragraph with its token count, or, past the budget, smaller pieces of it: an introduction and its
    /// block apart; a block (code, list, table: text in lines) at line boundaries, a code block closed and opened
    /// again around each cut; prose in runs of words. WordPiece splits text into words before it splits words
    /// into pieces, so a run's tokens are the sum of its words' tokens.
    /// </summary>
    private static IEnumerable<(string Text, int Tokens)> SplitLongParagraph(string paragraph)
    {
        var total = Tokens(paragraph);
        if (total <= MaxTokens)
        {
            yield return (paragraph, total);
            yield break;
        }

        // An introduction too long to share a passage with its block goes alone; else it leads the block's first piece.
        if (paragraph.Split("\n\n", 2) is [var intro, var block] && intro.EndsWith(':') && !IsBlock(intro))
        {
            var introTokens = Tokens(intro);
            var pieces = introTokens > MaxTokens / 2 ? SplitLongParagraph(intro).Concat(SplitLongParagraph(block)) : LinesWithin(block, MaxTokens - introTokens).Select((piece, i) => i == 0 ? ($"{intro}\n\n{piece.Text}", piece.Tokens + introTokens) : piece);
            foreach (var piece in pieces)
                yield return piece;
            yield break;
        }

        if (paragraph.Contains('\n'))
        {
            foreach (var piece in LinesWithin(paragraph, MaxTokens))
                yield return piece;
            yield break;
        }

        var run = new List<string>();
        var tokens = 0;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var count = Tokens(word);
            if (run.Count > 0 && tokens + count > MaxTokens)
            {
                yield return (string.Join(' ', run), tokens);
                run = [];
                tokens = 0;
            }

            run.Add(word);
            tokens += count;
        }

        if (run.Count > 0)
            yield return (string.Join(' ', run), tokens);
    }

    /// <summary>Runs of whole lines within the budget; a line longer than the budget alone goes on in words.</summary>
    private static IEnumerable<(string Text, int Tokens)> LinesWithin(string block, int firstBudget)
    {
        var lines = block.Split('\n').ToList();
        var fence = lines[0].TrimStart() is var open && (open.StartsWith("```", StringComparison.Ordinal) || open.StartsWith("~~~", StringComparison.Ordinal))
            && lines.Count > 1 && lines[^1].Trim() == open[..3] ? open : null;
        if (fence is not null)
            lines = lines.GetRange(1, lines.Count - 2);
        var wrap = fence is null ? 0 : Tokens(fence) + Tokens(fence[..3]);

        var run = new List<string>();
        var tokens = wrap;
        var budget = firstBudget;
        foreach (var line in lines)
        {
            var count = Tokens(line);
            if (run.Count > 0 && tokens + count > budget)
            {
                yield return Close(run, tokens);
                run = [];
                tokens = wrap;
                budget = MaxTokens;
            }

            if (wrap + count > MaxTokens)
            {
                foreach (var words in SplitLongParagraph(line))
                    yield return fence is null ? words : Close([words.Text], words.Tokens + wrap);
                continue;
            }

            run.Add(line);
            tokens += count;
        }

        if (run.Count > 0)
            yield return Close(run, tokens);

        (string, int) Close(List<string> run, int tokens) =>
            (fence is null ? string.Join('\n', run) : $"{fence}\n{string.Join('\n', run)}\n{fence[..3]}", tokens);
    }

    private static int Tokens(string text) => MiniLmTokenCounter.Shared.Count(text);
}
