using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Reads a model's <c>[n]</c> citation markers as its answer streams and rewrites them so that the text and
/// the <c>done</c> event agree: the passages cited are listed in order of first use, and each marker is
/// renumbered to its source's place in that list (<c>[1]</c> is the first citation of <c>done</c>). A marker
/// naming no passage the model was given is dropped, as is every marker when the bot shows no citations.
/// A marker split across streamed pieces is held back until it closes, so a client never sees half of one.
/// </summary>
public sealed partial class CitationMarkers(IReadOnlyCollection<int> passageNumbers, bool keep)
{
    // Long enough for "[12, 13, 14]"; anything longer is not a marker and is let through.
    private const int MaxMarker = 24;

    private readonly List<int> _used = [];
    private string _held = "";

    /// <summary>The passages the answer cited, by their prompt numbers, in order of first use.</summary>
    public IReadOnlyList<int> Used => _used;

    /// <summary>The text that can be shown now; an unfinished marker at the end waits for the next piece.</summary>
    public string Feed(string piece)
    {
        var text = _held + piece;
        _held = "";
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('[', i);
            if (open < 0)
            {
                output.Append(text, i, text.Length - i);
                break;
            }

            output.Append(text, i, open - i);
            var match = Marker().Match(text, open);
            if (match.Success && match.Index == open)
            {
                // A marker that leaves nothing behind takes the space before it along.
                var before = output.Length;
                Rewrite(match.Groups[1].Value, output);
                if (output.Length == before)
                    TrimEndSpaces(output);
                i = open + match.Length;
            }
            else if (text.Length - open <= MaxMarker && Unfinished().IsMatch(text.AsSpan(open)))
            {
                _held = text[open..];
                break;
            }
            else
            {
                output.Append('[');
                i = open + 1;
            }
        }

        // Without citations a marker takes the space before it along, and that space may end this piece.
        if (!keep)
        {
            var end = output.Length;
            while (end > 0 && output[end - 1] == ' ')
                end--;
            _held = output.ToString(end, output.Length - end) + _held;
            output.Length = end;
        }

        return output.ToString();
    }

    /// <summary>What is still held back once the answer has ended: it never became a marker.</summary>
    public string Flush()
    {
        var rest = _held;
        _held = "";
        return rest;
    }

    private void Rewrite(string numbers, StringBuilder output)
    {
        foreach (var part in numbers.Split(','))
        {
            var number = int.Parse(part.Trim(), CultureInfo.InvariantCulture);
            if (!passageNumbers.Contains(number))
                continue;
            var place = _used.IndexOf(number);
            if (place < 0)
            {
                _used.Add(number);
                place = _used.Count - 1;
            }

            if (keep)
                output.Append('[').Append(place + 1).Append(']');
        }
    }

    private static void TrimEndSpaces(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] == ' ')
            output.Length--;
    }

    [GeneratedRegex(@"\G\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\[\d{0,3}(?:\s*,\s*\d{0,3})*\s*$")]
    private static partial Regex Unfinished();
}
