using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// Lets a streaming answer through only as far as it is known to hold no blocked term: the last few
/// characters wait until the next piece shows how the word ends. A blocked term therefore never reaches
/// the visitor, not even for the moment before the complete-answer filters would have caught it.
/// </summary>
public sealed class BlockedTermsGate
{
    private readonly Regex? _matcher;
    private readonly int _holdBack;
    private int _released;

    public BlockedTermsGate(Bot bot)
    {
        _matcher = BlockedTermsFilter.Matcher(bot);
        // A term can only be judged whole once the character after it is known.
        _holdBack = _matcher is null ? 0 : bot.Filters.BlockedTerms.Max(t => t.Length) + 1;
    }

    public bool Blocked { get; private set; }

    /// <summary>The text of <paramref name="answer"/> that may be sent now; empty once blocked.</summary>
    public string Release(StringBuilder answer, bool final)
    {
        if (_matcher is null)
            return Take(answer, answer.Length);
        if (Blocked || _matcher.IsMatch(answer.ToString()))
        {
            Blocked = true;
            return "";
        }

        return Take(answer, final ? answer.Length : Math.Max(_released, answer.Length - _holdBack));
    }

    private string Take(StringBuilder answer, int end)
    {
        var text = answer.ToString(_released, end - _released);
        _released = end;
        return text;
    }
}
