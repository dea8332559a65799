using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>
/// The names a question asks about: words capitalised inside a sentence ("PayPal", "MacBook", "Windows Defender"),
/// acronyms ("DSC", "ZFS") and model numbers ("M2", "EC2"). Knowledge that never mentions one of them cannot answer
/// the question, however close in meaning some page is: "Does Debian run on an Apple MacBook?" is not answered by a
/// page about the architectures Debian supports.
/// </summary>
internal static class QuestionNames
{
    /// <summary>The stems of the names in <paramref name="question"/>, as a passage's words are stemmed.</summary>
    public static List<string> Of(string question)
    {
        var names = new List<string>();
        foreach (var sentence in question.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i].Trim('"', '\'', '(', ')', ',', ';', ':', '“', '”', '’');
                if (!IsName(word, first: i == 0))
                    continue;
                foreach (var part in QueryTerms.Words(word).Where(p => p.Length > 1 && !QueryTerms.IsStopWord(p)))
                    names.Add(QueryTerms.Stem(part));
            }
        }

        return names.Distinct().ToList();
    }

    private static bool IsName(string word, bool first)
    {
        if (word.Length < 2 || !word.Any(char.IsLetter))
            return false;
        var capitals = word.Count(char.IsUpper);
        // An acronym or a model number names a thing wherever it stands; a capitalised word does inside a sentence.
        if (capitals >= 2 || (word.Any(char.IsAsciiDigit) && capitals >= 1))
            return true;
        return !first && char.IsUpper(word[0]);
    }

    /// <summary>
    /// A question that names something of its own (a capitalised name inside the sentence, such as "PayPal" or
    /// "Germany", or a file or identifier such as "/etc/default/grub") is about that thing, whatever was asked
    /// before: it is read alone, and answered, or not, as itself.
    /// </summary>
    public static bool NamesItsSubject(string question)
    {
        foreach (var sentence in question.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < words.Length; i++)
            {
                var word = words[i].Trim('"', '\'', '(', ')', ',', ';', ':');
                if (word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower))
                    return true;
                if (IsPathOrIdentifier(word))
                    return true;
            }
        }

        return false;
    }

    /// <summary>A file path, file name or identifier: "/etc/default/grub", "sources.list", "max_messages".</summary>
    private static bool IsPathOrIdentifier(string word) =>
        word.Count(char.IsLetter) >= 2 && (word.Contains('/') || word.Contains('_') || (word.IndexOf('.') is > 0 and var dot && dot < word.Length - 1 && char.IsLetter(word[dot + 1])));
}
