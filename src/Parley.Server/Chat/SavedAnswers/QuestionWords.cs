using System.Text.RegularExpressions;
using Parley.Core.Knowledge;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// How a visitor's question and a saved question agree in their content words (stemmed, stop words dropped, as
/// retrieval reads them): the same words, fewer, more, or one of the saved question's words replaced by another. A
/// replaced word is what tells a near-miss ("Is the restaurant open on Saturday?" for "…on Sunday?", "Is the teapot
/// dishwasher safe?" for "Is the kettle…") from the question asked again, and sentence embeddings barely see it.
/// </summary>
public static partial class QuestionWords
{
    /// <summary>The stems a question is compared by. A hyphenated word stays one ("check-in" is not "check-out").</summary>
    public static IReadOnlyList<string> Of(string question) =>
        QueryTerms.Extract(Hyphen().Replace(question, "")).Select(QueryTerms.Stem).Distinct(StringComparer.Ordinal).ToList();

    public static WordAgreement Compare(IReadOnlyList<string> asked, IReadOnlyList<string> saved)
    {
        if (asked.Count == 0 || saved.Count == 0)
            return new WordAgreement(WordOverlap.Replaced, 0);
        var missing = saved.Count(s => !asked.Any(a => SameWord(a, s)));
        var extra = asked.Count(a => !saved.Any(s => SameWord(a, s)));
        var shared = saved.Count - missing;
        var overlap = (missing, extra) switch
        {
            (0, 0) => WordOverlap.Same,
            (0, _) => WordOverlap.More,
            (_, 0) => WordOverlap.Fewer,
            _ => WordOverlap.Replaced,
        };
        return new WordAgreement(overlap, (double)shared / (shared + missing + extra));
    }

    /// <summary>
    /// Two stems are one word when equal or when one extends the other by a short ending the stemmer left on
    /// ("shipp" of "shipping" and "ship", "returnabl" and "return"); not for stems under four letters ("pro", "product").
    /// </summary>
    private static bool SameWord(string a, string b)
    {
        if (a == b)
            return true;
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return shorter.Length >= 4 && longer.Length - shorter.Length <= 4 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<=\p{L})-(?=\p{L})")]
    private static partial Regex Hyphen();
}

/// <summary>How a visitor's question's content words meet a saved question's.</summary>
public enum WordOverlap
{
    /// <summary>The same words, in any order.</summary>
    Same,

    /// <summary>Some of the saved question's words and no other ("pool?" for "Is there a swimming pool?").</summary>
    Fewer,

    /// <summary>All of the saved question's words and more ("How much is shipping to Canada?" for "Do you ship to Canada?").</summary>
    More,

    /// <summary>A word of the saved question missing and a word of its own instead ("Do you ship to Mexico?"), or nothing shared.</summary>
    Replaced,
}

/// <param name="Overlap">Which way they differ.</param>
/// <param name="Shared">The share of their words the two have in common, 0..1 (1 for the same words).</param>
public readonly record struct WordAgreement(WordOverlap Overlap, double Shared);
