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

    /// <summary>Whether the question names every word of the section's heading.</summary>
    public bool HeadingNamed { get; set; }

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

    /// <summary>
    /// Reads the units in two passes, stemming every word once: first each block's units and words, then each unit's
    /// context from its neighbours' words (the block a colon sentence introduces, the sentence that introduces a list).
    /// </summary>
    private void ReadUnits()
    {
        var heading = AnswerUnit.StemsOf($"{Passage.PageTitle} {Passage.Heading}");
        HeadingStems = AnswerUnit.StemsOf(Passage.Heading ?? Passage.PageTitle);
        Stems = [.. heading];
        var blockStems = new HashSet<string>[Blocks.Count];
        var all = new List<AnswerUnit>();
        for (var b = 0; b < Blocks.Count; b++)
        {
            var block = Blocks[b];
            blockStems[b] = [];
            if (block.Kind == BlockKind.Code)
            {
                blockStems[b] = AnswerUnit.StemsOf(InlineMarkup.Strip(string.Join(' ', block.Lines)));
            }
            else
            {
                var texts = block.Kind == BlockKind.Prose ? Sentences[b] = ProseSentences.Split(block.Paragraph) : block.Lines.ToList();
                for (var i = 0; i < texts.Count; i++)
                {
                    var unit = new AnswerUnit(this, b, i, texts[i]);
                    blockStems[b].UnionWith(unit.Stems);
                    all.Add(unit);
                }
            }

            Stems.UnionWith(blockStems[b]);
        }

        foreach (var unit in all)
        {
            var b = unit.Block;
            var block = Blocks[b];
            var hasHeader = block.Kind == BlockKind.Table && block.Lines.Count > 1;
            if (block.Kind == BlockKind.Prose ? unit.Words is < MinSentenceWords or > MaxSentenceWords : unit.Stems.Count == 0 || (hasHeader && unit.Position == 0))
                continue;
            unit.Context.UnionWith(heading);
            if (block.Kind == BlockKind.Prose)
            {
                if (unit.Position == Sentences[b].Count - 1 && unit.Introduces && b + 1 < Blocks.Count && Blocks[b + 1].Kind != BlockKind.Prose)
                    unit.Context.UnionWith(blockStems[b + 1]);
            }
            else
            {
                if (b > 0 && Blocks[b - 1] is { Kind: BlockKind.Prose } before && before.Paragraph.EndsWith(':'))
                    unit.Context.UnionWith(blockStems[b - 1]);
                if (hasHeader)
                    unit.Context.UnionWith(all.First(u => u.Block == b && u.Position == 0).Stems);
            }

            Units.Add(unit);
        }
    }
}
