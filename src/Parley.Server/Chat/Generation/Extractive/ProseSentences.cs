namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// Splits a paragraph of Markdown into its sentences, keeping their markup: a full stop inside inline code
/// (<c>`widget.js`</c>) or a link's address is not the end of a sentence, nor is an abbreviation or an initial.
/// </summary>
internal static class ProseSentences
{
    private static readonly string[] Abbreviations = ["e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "fig", "approx", "incl", "resp", "no"];

    public static List<string> Split(string paragraph)
    {
        var sentences = new List<string>();
        var start = 0;
        var inCode = false;
        var linkDepth = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c == '`')
                inCode = !inCode;
            else if (!inCode && c == '(' && i > 0 && paragraph[i - 1] == ']')
                linkDepth++;
            else if (!inCode && c == ')' && linkDepth > 0)
                linkDepth--;
            if (inCode || linkDepth > 0 || c is not ('.' or '!' or '?'))
                continue;

            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '\'' or ')' or ']' or '*' or '_' or '\u201D' or '\u2019')
                end++;
            if (end < paragraph.Length && (paragraph[end] != ' ' || !StartsSentence(paragraph, end + 1)))
                continue;
            if (c == '.' && IsAbbreviation(paragraph, start, i))
                continue;
            Add(paragraph[start..end]);
            start = end;
            i = end - 1;
        }

        Add(paragraph[start..]);
        return sentences;

        void Add(string sentence)
        {
            sentence = sentence.Trim();
            if (sentence.Any(char.IsLetterOrDigit))
                sentences.Add(sentence);
        }
    }

    private static bool StartsSentence(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
            at++;
        return at >= text.Length || char.IsUpper(text[at]) || char.IsDigit(text[at]) || text[at] is '"' or '\'' or '(' or '\u201C' or '[' or '`' or '*' or '_';
    }

    private static bool IsAbbreviation(string text, int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && text[wordStart - 1] is not ' ' and not '(')
            wordStart--;
        var word = text[wordStart..dot].ToLowerInvariant();
        // A single capital is an initial ("J. Smith"), not the end of a sentence.
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsLetter(word[0]) && char.IsUpper(text[wordStart]));
    }
}
