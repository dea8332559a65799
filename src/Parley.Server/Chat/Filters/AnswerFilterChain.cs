using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// Runs the filters in order on the complete answer. A block ends the chain; replacements accumulate,
/// so the visitor is sent one <c>replace</c> with the text every filter agreed on.
/// </summary>
public sealed class AnswerFilterChain(IEnumerable<IAnswerFilter> filters)
{
    private readonly IAnswerFilter[] _filters = filters.ToArray();

    public FilterOutcome Apply(Bot bot, string answer)
    {
        var text = answer;
        foreach (var filter in _filters)
        {
            var outcome = filter.Apply(bot, text);
            if (outcome.Verdict == FilterVerdict.Block)
                return outcome;
            text = outcome.Text;
        }

        return text == answer ? FilterOutcome.Keep(answer) : new FilterOutcome(FilterVerdict.Replace, text);
    }
}
