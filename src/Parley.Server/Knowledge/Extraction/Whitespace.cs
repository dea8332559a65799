using System.Text;

namespace Parley.Server.Knowledge.Extraction;

internal static class Whitespace
{
    /// <summary>Runs of whitespace (non-breaking spaces included) become one space; the ends are trimmed.</summary>
    public static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (result.Length > 0 && result[^1] != ' ')
                    result.Append(' ');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString().TrimEnd();
    }
}
