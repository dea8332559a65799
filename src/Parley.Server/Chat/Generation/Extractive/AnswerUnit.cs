using Parley.Core.Knowledge;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// The smallest thing an answer can be anchored on: a sentence of a paragraph, an item of a list or a row of a
/// table, read in its section. What it introduces or stands under counts as its context.
/// </summary>
internal sealed class AnswerUnit(QuotedPassage passage, int block, int position, string markdown)
{
    public QuotedPassage Passage { get; } = passage;

    /// <summary>Its block's index in the passage, and its place in that block (sentence, item or row).</summary>
    public int Block { get; } = block;

    public int Position { get; } = position;

    public BlockKind Kind => Passage.Blocks[Block].Kind;

    /// <summary>As written, Markdown and all.</summary>
    public string Markdown { get; } = markdown;

    public HashSet<string> Stems { get; } = StemsOf(InlineMarkup.Strip(markdown));

    /// <summary>
    /// Words it is read with: its section's heading and page title; for a sentence that ends in a colon, the block
    /// it introduces; for an item or a row, the sentence that introduces its list and the table's header.
    /// </summary>
    public HashSet<string> Context { get; } = [];

    public int Words { get; } = WordCount(markdown);

    /// <summary>0..1: the question's words it holds (or its context does, for half), rare ones weighing more.</summary>
    public double Overlap { get; set; }

    /// <summary>The same, with a follow-up's earlier question weighing as much as its own words: what the bar reads.</summary>
    public double BarOverlap { get; set; }

    public double Relevance { get; set; }

    /// <summary>A sentence ending in a colon announces what follows: a list, steps, a table or code.</summary>
    public bool Introduces => Kind == BlockKind.Prose && Markdown.EndsWith(':');

    public static HashSet<string> StemsOf(string text) =>
        QueryTerms.Words(text).Where(w => !QueryTerms.IsStopWord(w)).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
