using System.Collections.Frozen;

namespace Parley.Core.Knowledge;

/// <summary>
/// Turns text into the content words that retrieval matches on: lower-cased letter/digit runs without
/// English stop words, reduced by <see cref="Stem"/> to a common stem so that "refunds" finds "refund".
/// The same functions index the chunks and read the question, so both sides always agree.
/// </summary>
public static class QueryTerms
{
    private const int MaxTerms = 32;

    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
        "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
        "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "yourself", "yourselves", "s", "t", "don", "doesn", "isn", "tell", "please", "thanks", "thank", "hi", "hello",
        "want", "need", "get", "may", "might", "must", "shall", "also", "let", "way", "ve", "ll", "re", "d", "m",
    ]);

    /// <summary>Distinct content words of <paramref name="text"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Extract(string text)
    {
        var terms = new List<string>();
        foreach (var word in Words(text))
        {
            if (StopWords.Contains(word) || terms.Contains(word))
                continue;
            terms.Add(word);
            if (terms.Count == MaxTerms)
                break;
        }

        return terms;
    }

    /// <summary>Every lower-cased letter/digit run of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static string Stem(string word)
    {
        if (word.Length <= 3)
            return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            return word[..^3] + "y";
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
                return word[..^suffix.Length];
        }

        // A silent final e goes too, so "file" meets "files" and "descale" meets "descaling".
        return word.Length > 4 && word[^1] == 'e' ? word[..^1] : word;
    }

    private static readonly string[] Suffixes = ["ing", "ed", "es", "ly", "s"];

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The distinct stems a chunk can be found by: its page title's, heading's and text's content words.</summary>
    public static IReadOnlySet<string> IndexTerms(string? pageTitle, string? heading, string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in (ReadOnlySpan<string?>)[pageTitle, heading, text])
        {
            foreach (var word in part is null ? [] : Words(part))
            {
                if (!IsStopWord(word))
                    stems.Add(Stem(word));
            }
        }

        return stems;
    }
}
