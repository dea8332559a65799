using System.Text.RegularExpressions;
using Parley.Core.Knowledge;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// The words of a question an answer is expected to contain. "How much", "how many", "how long" and "how often"
/// ask for an amount, a duration or a frequency: the answer gives it ("3.40 EUR", "2 working days") and almost
/// never repeats "much" or "long", so those words, rare in any knowledge, would otherwise weigh most and sink the
/// very sentence that answers.
/// </summary>
internal static partial class AskedWords
{
    public static List<string> Stems(string question) =>
        QueryTerms.Extract(AmountAsked().Replace(question, "how")).Select(QueryTerms.Stem).Distinct().ToList();

    [GeneratedRegex(@"\bhow\s+(much|many|long|often|far|soon)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountAsked();
}
