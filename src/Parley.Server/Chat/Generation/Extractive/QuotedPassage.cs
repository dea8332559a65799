using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>A retrieved passage read for quoting: its blocks and the units an answer can be anchored on.</summary>
internal sealed class QuotedPassage
{
    private const int MinSentenceWords = 3;
    private const int MaxSentenceWords = 80;

    private QuotedPassage(Passage passage, bool headingsAsProse = false)
    {
        Passage = passage;
        Blocks = PassageBlocks.Parse(headingsAsProse ? HeadingsAsProse(passage.Text) : passage.Text);
    }

    public Passage Passage { get; }

    public IReadOnlyList<PassageBlock> Blocks { get; }

    /// <summary>Each prose block's sentences, by block index (other blocks have none).</summary>
    public Dictionary<int, List<string>> Sentences { get; } = [];

    public List<AnswerUnit> Units { get; } = [];

    /// <summary>Every content word of the section: its text, heading and page title.</summary>
    public HashSet<string> Stems { get; private set; } = [];

    /// <summary>The content words of the section's heading, and of its page title when it has no heading of its own.</summary>
    public HashSet<string> HeadingStems { get; private set; } = [];

    /// <summary>0..1: the question's words (weighted by rarity) found anywhere in the section.</summary>
    public double Coverage { get; set; }

    /// <summary>0..1: the question's words found in the section's heading.</summary>
    public double HeadingCoverage { get; set; }

    public static QuotedPassage Read(Passage passage)
    {
        var quoted = new QuotedPassage(passage);
        quoted.ReadUnits();
        if (quoted.Units.Count > 0)
            return quoted;
        // A text of headings alone ("# Open 9 to 5 on weekdays") still says something: its headings are its sentences.
        var headings = new QuotedPassage(passage, headingsAsProse: true);
        headings.ReadUnits();
        return headings;
    }

    private static string HeadingsAsProse(string text) =>
        string.Join("\n\n", text.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? InlineMarkup.Strip(l.TrimStart().TrimStart('#')) : l));

    private void ReadUnits()
    {
        var heading = AnswerUnit.StemsOf($"{Passage.PageTitle} {Passage.Heading}");
        HeadingStems = AnswerUnit.StemsOf(Passage.Heading ?? Passage.PageTitle);
        Stems = [.. heading];
        for (var b = 0; b < Blocks.Count; b++)
        {
            var block = Blocks[b];
            var before = b > 0 ? Blocks[b - 1] : null;
            var after = b + 1 < Blocks.Count ? Blocks[b + 1] : null;
            switch (block.Kind)
            {
                case BlockKind.Prose:
                    var sentences = ProseSentences.Split(block.Paragraph);
                    Sentences[b] = sentences;
                    for (var s = 0; s < sentences.Count; s++)
                    {
                        var unit = new AnswerUnit(this, b, s, sentences[s]);
                        if (unit.Words is < MinSentenceWords or > MaxSentenceWords)
                            continue;
                        unit.Context.UnionWith(heading);
                        if (s == sentences.Count - 1 && unit.Introduces && after is { Kind: not BlockKind.Prose })
                            unit.Context.UnionWith(AnswerUnit.StemsOf(InlineMarkup.Strip(string.Join(' ', after.Lines))));
                        Units.Add(unit);
                    }

                    break;
                case BlockKind.List or BlockKind.Table:
                    var intro = before is { Kind: BlockKind.Prose } && before.Paragraph.EndsWith(':') ? AnswerUnit.StemsOf(InlineMarkup.Strip(before.Paragraph)) : [];
                    var header = block.Kind == BlockKind.Table && block.Lines.Count > 1 ? AnswerUnit.StemsOf(InlineMarkup.Strip(block.Lines[0])) : [];
                    for (var i = block.Kind == BlockKind.Table && block.Lines.Count > 1 ? 1 : 0; i < block.Lines.Count; i++)
                    {
                        var unit = new AnswerUnit(this, b, i, block.Lines[i]);
                        if (unit.Stems.Count == 0)
                            continue;
                        unit.Context.UnionWith(heading);
                        unit.Context.UnionWith(intro);
                        unit.Context.UnionWith(header);
                        Units.Add(unit);
                    }

                    break;
            }

            Stems.UnionWith(AnswerUnit.StemsOf(InlineMarkup.Strip(string.Join(' ', block.Lines))));
        }
    }
}
