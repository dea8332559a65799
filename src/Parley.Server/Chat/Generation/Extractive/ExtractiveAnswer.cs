using Parley.Core.Knowledge;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// Answers from the best-matching section of the knowledge by quoting it: the sentence, item or row that holds
/// most of what the question asks (rare words weigh more, and a word its heading or the block it introduces
/// holds counts for half), read in its section together with what it introduces or belongs to (see
/// <see cref="SectionQuote"/>). One section is quoted, from one page, so nothing is stitched from unrelated
/// places, and nothing is written that the source does not say. When nothing clears the bar the answer says
/// plainly that the knowledge does not hold it.
/// No sentence is embedded: retrieval embedded the question once and says how close each passage is in meaning.
/// </summary>
public static class ExtractiveAnswer
{
    public const string NotFound =
        "I couldn't find anything about that in my knowledge base, so I'd rather not guess. " +
        "Could you rephrase the question, or ask about something else?";

    // A unit's own words, the section's and its heading's count together: the right section usually holds all
    // of the question somewhere, and documentation names what a section answers in its heading ("How do I embed
    // the widget?"), while a lucky sentence elsewhere (an introduction listing topics) holds a part of it.
    private const double UnitWeight = 0.45;
    private const double SectionWeight = 0.3;
    private const double HeadingWeight = 0.25;

    // Retrieval ranked whole passages by words and meaning, seeing titles and headings too: its order weighs in.
    private const double RankWeight = 0.25;

    private const double ContextWeight = 0.5;

    // Words an earlier question lends a follow-up count for this much of the follow-up's own.
    private const double EarlierWeight = 0.5;

    // Further units of the chosen section that answer nearly as well are quoted with the best one.
    private const double CompanionFloor = 0.75;
    private const int MaxUnits = 3;

    // The share of the question's words (by rarity) a section's heading must hold for its opening to be quoted.
    private const double OpeningBar = 0.4;

    /// <summary>The bars a unit must clear to be quoted; by words alone, or with retrieval's closeness in meaning.</summary>
    private const double MinLexicalOverlap = 0.3;
    private const double MinRelatedOverlap = 0.25;
    private const double MostOfTheQuestion = 0.6;
    private const double TrustedLexicalPassage = 0.4;

    private static readonly string[] Anaphora = ["it ", "its ", "this ", "that ", "these ", "those ", "they ", "them ", "there ", "he ", "she ", "then "];

    /// <param name="question">The visitor's question.</param>
    /// <param name="earlier">The earlier question a follow-up depends on, or null when the question stands alone.</param>
    /// <param name="passages">Retrieval's passages, best first.</param>
    /// <param name="unknownNames">The names the question asks about that the bot's knowledge never mentions (see <see cref="QuestionNames"/>).</param>
    /// <param name="bar">How close in meaning a passage must be to be trusted, for the bot's embedding model; null when its levels were never measured (a remote model), and words decide.</param>
    public static (string Text, int[] Cited) Compose(string question, string? earlier, IReadOnlyList<Passage> passages, MeaningBar? bar, IReadOnlyList<string>? unknownNames = null)
    {
        if (passages.Count == 0)
            return (NotFound, []);

        var top = passages[0];
        // A Q&A pair is an answer the business wrote for exactly this kind of question: quote it whole.
        if (top.SourceType == SourceType.Qa)
            return (InlineMarkup.ForAnswer(top.Text.Trim()) is { Length: > 0 } written ? written : top.Text.Trim(), [top.Number]);

        var sections = passages.Select(QuotedPassage.Read).ToList();
        var units = sections.SelectMany(s => s.Units).ToList();
        if (units.Count == 0)
            return (NotFound, []);

        Score(question, earlier, sections, units);
        // Retrieval ranked whole passages by words and meaning, with their titles and headings; the answer quotes the
        // first passage that holds a unit clearing the bar, and reads a later one only when no earlier one does.
        // A question naming something the knowledge never mentions ("PowerShell", "MacBook") asks what it lacks,
        // unless a web search result found it.
        if ((unknownNames ?? []).Any(name => !sections.Exists(s => s.Stems.Contains(name))))
            return (NotFound, []);
        var best = units.Where(u => Answers(u, bar)).OrderBy(u => u.Passage.Passage.Number).ThenByDescending(u => u.Relevance)
            .ThenBy(u => u.Block).ThenBy(u => u.Position).FirstOrDefault();
        if (best is null)
            return (NotFound, []);

        var chosen = Companions(best);
        return (SectionQuote.Write(best.Passage, chosen), [best.Passage.Passage.Number]);
    }

    private static void Score(string question, string? earlier, List<QuotedPassage> sections, List<AnswerUnit> units)
    {
        var own = AskedWords.Stems(question);
        var lent = earlier is null ? [] : AskedWords.Stems(earlier).Except(own).ToList();
        if (own.Count + lent.Count == 0)
            return;
        // A word found in few units says more about which one answers than a word found in all of them; a word
        // found in none weighs most, so a question about something the knowledge lacks scores low everywhere.
        var weights = own.Select(t => (Term: t, Weight: Rarity(t)))
            .Concat(lent.Select(t => (Term: t, Weight: EarlierWeight * Rarity(t))))
            .ToList();
        var total = weights.Sum(w => w.Weight);

        foreach (var section in sections)
        {
            section.Coverage = weights.Sum(w => section.Stems.Contains(w.Term) ? w.Weight : 0) / total;
            section.HeadingCoverage = weights.Sum(w => section.HeadingStems.Contains(w.Term) ? w.Weight : 0) / total;
            // Section numbers ("8.10.4.") are not words a visitor asks with.
            var named = section.HeadingStems.Where(s => !s.All(char.IsAsciiDigit)).ToList();
            section.HeadingNamed = named.Count > 0 && named.TrueForAll(own.Contains);
        }

        // The bar reads a follow-up with its earlier question's words in full: "how long does it last?" is about
        // the warranty just discussed, and its own words are rarely the answer's.
        var barWeights = own.Select(t => (Term: t, Weight: Rarity(t))).Concat(lent.Select(t => (Term: t, Weight: Rarity(t)))).ToList();
        var barTotal = barWeights.Sum(w => w.Weight);
        foreach (var unit in units)
        {
            unit.Overlap = Overlap(unit, weights, total);
            unit.BarOverlap = lent.Count == 0 ? unit.Overlap : Overlap(unit, barWeights, barTotal);
            unit.Relevance = (UnitWeight * unit.Overlap) + (SectionWeight * unit.Passage.Coverage)
                + (HeadingWeight * unit.Passage.HeadingCoverage) + (RankWeight / unit.Passage.Passage.Number);
        }

        static double Overlap(AnswerUnit unit, List<(string Term, double Weight)> weights, double total) =>
            weights.Sum(w => unit.Stems.Contains(w.Term) ? w.Weight : unit.Context.Contains(w.Term) ? ContextWeight * w.Weight : 0) / total;

        double Rarity(string term) => Math.Log(1 + ((units.Count + 1.0) / (units.Count(u => u.Stems.Contains(term)) + 0.5)));
    }

    /// <summary>
    /// Whether the unit may be quoted. With embeddings, retrieval's closeness in meaning decides, on the bot's model's
    /// own scale: close enough alone (a visitor's paraphrase shares few words), or related and holding a part of the
    /// question. By words alone: a good part of the question, or some of it in a passage retrieval found relevant.
    /// </summary>
    private static bool Answers(AnswerUnit unit, MeaningBar? bar)
    {
        var passage = unit.Passage.Passage;
        var overlap = unit.BarOverlap;
        // A passage far in meaning from the question is about something else, however many of its words it shares:
        // "How much does a Debian support contract cost?" meets the words debian, support and cost everywhere.
        if (passage.Similarity is { } similarity && bar is not null)
            return similarity >= bar.Close || (similarity >= bar.Related && overlap >= MinRelatedOverlap) || (similarity >= bar.Floor && overlap >= MostOfTheQuestion);
        return overlap >= MinLexicalOverlap || (overlap > 0 && passage.Score >= TrustedLexicalPassage);
    }

    /// <summary>The best unit, the sentence before it when it begins "It…" or "This…", and those of its section that answer nearly as well.</summary>
    private static List<AnswerUnit> Companions(AnswerUnit best)
    {
        var chosen = new List<AnswerUnit> { best };
        var section = best.Passage;
        if (best.Kind == BlockKind.Prose && best.Position > 0 && Anaphora.Any(a => best.Markdown.StartsWith(a, StringComparison.OrdinalIgnoreCase))
            && section.Units.Find(u => u.Block == best.Block && u.Position == best.Position - 1) is { } antecedent)
            chosen.Add(antecedent);

        // A heading that names what was asked ("How do I embed the widget?", or "Rate limits" for "How do I set a rate
        // limit?") is answered by the section's opening: documentation states the answer first, then the details a
        // matching word may have led to.
        if ((section.HeadingNamed || section.HeadingCoverage >= OpeningBar) && section.Units.Count > 0 && section.Units[0] is { Block: 0 } opening && !chosen.Contains(opening))
            chosen.Add(opening);

        // What a sentence introduces is quoted with it; of a table, only the rows that say more of the question.
        if (best.Introduces)
        {
            var introduced = section.Units.Where(u => u.Block == best.Block + 1).ToList();
            if (introduced.Count > 0 && introduced.Min(u => u.Overlap) is var floor && introduced.Exists(u => u.Overlap > floor))
                chosen.AddRange(introduced.Where(u => u.Overlap > floor).OrderByDescending(u => u.Overlap).Take(MaxUnits));
        }

        // Documentation sets out the situation, then what to do about it ("This is why SSH offers key-based
        // authentication." is followed by "generate a key pair with ssh-keygen"): the section is read on from the
        // best unit, in reading order, while the budget lasts, before anything is gathered from further away.
        // A table's rows are quoted only when they say something of the question, and an untrusted web search result
        // only where it answers.
        var words = chosen.Sum(u => u.Words);
        var following = section.Passage.FromWebSearch ? []
            : section.Units.Where(u => u.Kind != BlockKind.Table && (u.Block > best.Block || (u.Block == best.Block && u.Position > best.Position)));
        foreach (var unit in following)
        {
            if (words + unit.Words > SectionQuote.MaxProseWords)
                break;
            if (!chosen.Contains(unit))
            {
                chosen.Add(unit);
                words += unit.Words;
            }
        }

        foreach (var unit in section.Units.Where(u => u != best && u.Overlap > 0 && u.Overlap >= CompanionFloor * best.Overlap)
                     .OrderByDescending(u => u.Overlap).ThenBy(u => u.Block).ThenBy(u => u.Position))
        {
            if (chosen.Count >= MaxUnits || chosen.Sum(u => u.Words) + unit.Words > SectionQuote.MaxProseWords)
                break;
            if (!chosen.Contains(unit))
                chosen.Add(unit);
        }

        return chosen;
    }
}
