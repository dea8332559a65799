using System.Text;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// Writes the answer from the units chosen in one section, in reading order, as Markdown: the sentences that
/// answer, with the list, steps, table or code block that a sentence ending in a colon introduces or that an
/// item or row belongs to. Bounded: about <see cref="MaxProseWords"/> words of prose and one code block of at most
/// <see cref="MaxCodeLines"/> lines, cut at a line with "…" so the reader knows to follow the citation.
/// </summary>
internal static class SectionQuote
{
    public const int MaxProseWords = 120;
    public const int MaxCodeLines = 15;
    private const int MaxRows = 8;
    private const int ShortParagraphWords = 60;
    private const int ParagraphWords = 80;
    private const int FollowingSentences = 2;
    private const int MaxCaptionWords = 8;
    private const string More = "…";

    public static string Write(QuotedPassage passage, IReadOnlyCollection<AnswerUnit> chosen)
    {
        var parts = new List<string>();
        var words = 0;
        var codeQuoted = false;
        var done = new HashSet<int>();
        foreach (var block in chosen.Select(u => u.Block).Distinct().Order())
        {
            if (done.Contains(block))
                continue;
            var kind = passage.Blocks[block].Kind;
            if (kind == BlockKind.Prose)
            {
                var sentences = passage.Sentences[block];
                var own = chosen.Where(u => u.Block == block).Select(u => u.Position).ToList();
                // A web search result is untrusted text: only the sentences chosen for the question are quoted from it.
                var positions = passage.Passage.FromWebSearch ? own.Order().ToList() : Around(sentences, own);
                // A paragraph that opens in lower case ends the sentence a code block or a list cut in two ("you can
                // replace the most recent commit using", `git commit --amend`, "which will replace the old commit…"):
                // it is quoted from where that sentence starts, with what stands in its middle.
                if (positions[0] == 0 && Continues(passage, block) && !done.Contains(block - 1))
                {
                    if (block >= 2 && passage.Blocks[block - 2].Kind == BlockKind.Prose && !done.Contains(block - 2))
                    {
                        var start = passage.Sentences[block - 2][^1];
                        parts.Add(InlineMarkup.ForAnswer(start));
                        words += AnswerUnit.WordCount(start);
                        done.Add(block - 2);
                    }

                    parts.Add(Block(passage, block - 1, chosen, ref words, ref codeQuoted));
                    done.Add(block - 1);
                }

                var leadsIn = LeadsIntoBlock(passage, block);
                // A paragraph that introduces a block is read to its end, so its colon is followed by what it announces.
                if (leadsIn && positions[^1] < sentences.Count - 1 && sentences.Skip(positions[^1] + 1).Sum(AnswerUnit.WordCount) + words < MaxProseWords)
                    positions.AddRange(Enumerable.Range(positions[^1] + 1, sentences.Count - 1 - positions[^1]));
                var text = string.Join(' ', positions.Select(p => sentences[p]));
                parts.Add(InlineMarkup.ForAnswer(text));
                words += AnswerUnit.WordCount(text);
                done.Add(block);
                if (leadsIn && positions[^1] == sentences.Count - 1 && !done.Contains(block + 1))
                {
                    parts.Add(Block(passage, block + 1, chosen, ref words, ref codeQuoted));
                    done.Add(block + 1);
                }
                else if (!codeQuoted && positions[^1] == sentences.Count - 1 && ExampleAfter(passage, block) is var (caption, code) && !done.Contains(code))
                {
                    // The example set right under the paragraph that explains it ("Example 8.2. Static configuration",
                    // then the file) shows what the paragraph says to do: it is quoted with it, as one code block.
                    if (caption is { } at && !done.Contains(at))
                    {
                        parts.Add(InlineMarkup.ForAnswer(passage.Blocks[at].Paragraph));
                        done.Add(at);
                    }

                    parts.Add(Block(passage, code, chosen, ref words, ref codeQuoted));
                    done.Add(code);
                }
            }
            else
            {
                // An item or a row is read after the sentence that introduces its list or table.
                if (block > 0 && LeadsIntoBlock(passage, block - 1) && !done.Contains(block - 1))
                {
                    var intro = passage.Sentences[block - 1][^1];
                    parts.Add(InlineMarkup.ForAnswer(intro));
                    words += AnswerUnit.WordCount(intro);
                }

                parts.Add(Block(passage, block, chosen, ref words, ref codeQuoted));
                done.Add(block);
            }
        }

        return string.Join("\n\n", WithoutEmptyIntroductions(parts.Where(p => p.Length > 0).ToList()));
    }

    /// <summary>
    /// The sentences of a paragraph to quote: all of a short one (a paragraph is a unit of thought, and its other
    /// sentences often carry what the question's words did not: "how long?" is answered by "a two-year warranty"
    /// beside the sentence that matched); else the chosen ones and what follows them, within the budget.
    /// </summary>
    private static List<int> Around(List<string> sentences, List<int> chosen)
    {
        if (sentences.Sum(AnswerUnit.WordCount) <= ShortParagraphWords)
            return Enumerable.Range(0, sentences.Count).ToList();
        var positions = new SortedSet<int>(chosen);
        var words = positions.Sum(p => AnswerUnit.WordCount(sentences[p]));
        for (var next = positions.Max + 1; next < sentences.Count && next <= positions.Max + FollowingSentences; next++)
        {
            words += AnswerUnit.WordCount(sentences[next]);
            if (words > ParagraphWords)
                break;
            positions.Add(next);
        }

        return positions.ToList();
    }

    /// <summary>
    /// A sentence ending in a colon whose code, list or table is not quoted after it (an answer quotes one code block)
    /// announces nothing: it goes, and the rest of its paragraph stays.
    /// </summary>
    private static List<string> WithoutEmptyIntroductions(List<string> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (!parts[i].EndsWith(':') || IsBlock(parts[i]) || (i + 1 < parts.Count && IsBlock(parts[i + 1])))
                continue;
            var sentences = ProseSentences.Split(parts[i]);
            parts[i] = string.Join(' ', sentences.Take(sentences.Count - 1));
        }

        return parts.Where(p => p.Length > 0).ToList();

        static bool IsBlock(string part) =>
            part.StartsWith("```", StringComparison.Ordinal) || part.StartsWith("~~~", StringComparison.Ordinal) || part.StartsWith('|')
            || PassageBlocks.ListItem(part) is not null || part.StartsWith(More, StringComparison.Ordinal);
    }

    /// <summary>The code block right after a paragraph, or after a caption line under it; null when none follows.</summary>
    private static (int? Caption, int Code)? ExampleAfter(QuotedPassage passage, int block)
    {
        var blocks = passage.Blocks;
        if (block + 1 < blocks.Count && blocks[block + 1].Kind == BlockKind.Code)
            return (null, block + 1);
        return block + 2 < blocks.Count && blocks[block + 2].Kind == BlockKind.Code && IsCaption(blocks[block + 1]) ? (block + 1, block + 2) : null;
    }

    /// <summary>A label over an example or a figure: one short line that is no sentence ("Example 8.2. Static configuration").</summary>
    private static bool IsCaption(PassageBlock block) =>
        block is { Kind: BlockKind.Prose, Lines.Count: 1 } && AnswerUnit.WordCount(block.Paragraph) <= MaxCaptionWords
        && block.Paragraph.TrimEnd() is [.., var last] && last is not ('.' or '!' or '?' or ':');

    private static bool Continues(QuotedPassage passage, int block) =>
        block > 0 && passage.Blocks[block - 1].Kind != BlockKind.Prose && passage.Sentences[block] is [var first, ..] && char.IsLower(first[0]);

    private static bool LeadsIntoBlock(QuotedPassage passage, int block) =>
        passage.Blocks[block].Kind == BlockKind.Prose && passage.Blocks[block].Paragraph.TrimEnd().EndsWith(':')
        && block + 1 < passage.Blocks.Count && passage.Blocks[block + 1].Kind != BlockKind.Prose;

    private static string Block(QuotedPassage passage, int index, IReadOnlyCollection<AnswerUnit> chosen, ref int words, ref bool codeQuoted)
    {
        var block = passage.Blocks[index];
        var wanted = chosen.Where(u => u.Block == index).Select(u => u.Position).ToHashSet();
        switch (block.Kind)
        {
            case BlockKind.Code when !codeQuoted:
                codeQuoted = true;
                return Code(block);
            case BlockKind.List:
                return List(block, wanted, ref words);
            case BlockKind.Table:
                return Table(block, wanted, ref words);
            default:
                return "";
        }
    }

    private static string Code(PassageBlock block)
    {
        var lines = block.Lines.Count <= MaxCodeLines ? block.Lines : [.. block.Lines.Take(MaxCodeLines - 1), More];
        var fence = block.Lines.Any(l => l.Contains("```", StringComparison.Ordinal)) ? "~~~" : "```";
        return $"{fence}{block.Language}\n{string.Join('\n', lines)}\n{fence}";
    }

    /// <summary>The whole list while it fits; else the items around the ones chosen, with "…" where items were left out.</summary>
    private static string List(PassageBlock block, HashSet<int> wanted, ref int words)
    {
        var budget = Math.Max(MaxProseWords - words, MaxProseWords / 3);
        var kept = new SortedSet<int>();
        var used = 0;
        var first = wanted.Count > 0 ? wanted.Min() : 0;
        // From the first item wanted onwards (steps are read in order), then the ones before it.
        foreach (var i in Enumerable.Range(first, block.Lines.Count - first).Concat(Enumerable.Range(0, first).Reverse()))
        {
            var count = AnswerUnit.WordCount(block.Lines[i]);
            if (used + count > budget && kept.Count > 0)
            {
                if (i > first)
                    continue;
                break;
            }

            kept.Add(i);
            used += count;
        }

        words += used;
        var lines = new List<string>();
        var previous = -1;
        foreach (var i in kept)
        {
            if (i != previous + 1)
                lines.Add(Ordered(block.Lines[i]) ? More : $"- {More}");
            lines.Add(InlineMarkup.ForAnswer(block.Lines[i]));
            previous = i;
        }

        if (previous < block.Lines.Count - 1)
            lines.Add(Ordered(block.Lines[^1]) ? More : $"- {More}");
        return string.Join('\n', lines);
    }

    private static bool Ordered(string item) => item.Length > 0 && char.IsAsciiDigit(item[0]);

    /// <summary>The header row, then the rows chosen (or the first ones), as a Markdown table.</summary>
    private static string Table(PassageBlock block, HashSet<int> wanted, ref int words)
    {
        var hasHeader = block.Lines.Count > 1;
        var body = Enumerable.Range(hasHeader ? 1 : 0, block.Lines.Count - (hasHeader ? 1 : 0)).ToList();
        var rows = wanted.Count > 0 ? body.Where(wanted.Contains).Take(MaxRows).ToList() : body.Take(MaxRows).ToList();
        var columns = PassageBlocks.Cells(block.Lines[0]).Count;
        var table = new StringBuilder();
        var header = hasHeader ? PassageBlocks.Cells(block.Lines[0]) : Enumerable.Repeat(" ", columns).ToList();
        table.Append(Row(header)).Append('\n').Append(Row(Enumerable.Repeat("---", header.Count))).Append('\n');
        foreach (var row in rows)
        {
            table.Append(Row(PassageBlocks.Cells(block.Lines[row]))).Append('\n');
            words += AnswerUnit.WordCount(block.Lines[row]);
        }

        return table.ToString().TrimEnd();

        static string Row(IEnumerable<string> cells) => $"| {string.Join(" | ", cells.Select(InlineMarkup.ForAnswer))} |";
    }
}
