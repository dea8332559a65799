using System.Collections.Frozen;

namespace Parley.Core.Knowledge;

/// <summary>
/// Turns text into the content words that retrieval matches on: lower-cased letter/digit runs without
/// English stop words, reduced by <see cref="Stem(string)"/> to a common stem so that "refunds" finds "refund".
/// The same functions index the chunks and read the question, so both sides always agree.
/// </summary>
public static class QueryTerms
{
    private const int MaxTerms = 32;

    /// <summary>Indexing keeps this much of a longer "word" (a hash, an encoded blob), which nobody asks about whole.</summary>
    public const int MaxIndexedWordLength = 100;

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
        Span<char> copy = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.CopyTo(copy);
        var stem = Stem(copy);
        return stem.Length == word.Length && stem.SequenceEqual(word) ? word : new string(stem);
    }

    /// <summary>The stem of a lower-cased word, made in place: a slice of <paramref name="word"/>, whose letters it may change.</summary>
    public static Span<char> Stem(Span<char> word)
    {
        if (word.Length <= 3)
            return word;
        if (word.Length > 4 && word.EndsWith("ies"))
        {
            word[^3] = 'y';
            return word[..^2];
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix))
                return word[..^suffix.Length];
        }

        // A silent final e goes too, so "file" meets "files" and "descale" meets "descaling".
        return word.Length > 4 && word[^1] == 'e' ? word[..^1] : word;
    }

    /// <summary>
    /// The words of <paramref name="text"/> as <see cref="Words"/> gives them, lower-cased into <paramref name="buffer"/>
    /// instead of new strings: each is valid until the next. For indexing, which reads every word of every chunk.
    /// </summary>
    public static WordEnumerator EnumerateWords(string? text, Span<char> buffer) => new(text ?? "", buffer);

    /// <summary>See <see cref="EnumerateWords"/>; words longer than the buffer are cut to its length.</summary>
    public ref struct WordEnumerator(string text, Span<char> buffer)
    {
        private readonly Span<char> _buffer = buffer;
        private int _position;

        public Span<char> Current { get; private set; }

        public readonly WordEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var start = _position;
            while (start < text.Length && !char.IsLetterOrDigit(text[start]))
                start++;
            var end = start;
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
                end++;
            _position = end;
            if (start == end)
                return false;
            var word = text.AsSpan(start, Math.Min(end - start, _buffer.Length));
            Current = _buffer[..word.ToLowerInvariant(_buffer)];
            return true;
        }
    }

    private static readonly string[] Suffixes = ["ing", "ed", "es", "ly", "s"];

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    public static bool IsStopWord(ReadOnlySpan<char> word) => StopWordSpans.Contains(word);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The distinct stems a chunk can be found by: its page title's, heading's and text's content words.</summary>
    public static IReadOnlySet<string> IndexTerms(string? pageTitle, string? heading, string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var lookup = stems.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[MaxIndexedWordLength];
        foreach (var part in (ReadOnlySpan<string?>)[pageTitle, heading, text])
        {
            foreach (var word in EnumerateWords(part, buffer))
            {
                if (!IsStopWord(word))
                    lookup.Add(Stem(word));
            }
        }

        return stems;
    }
}
