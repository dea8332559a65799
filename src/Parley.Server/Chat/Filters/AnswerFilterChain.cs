namespace Parley.Server.Chat.Filters;

/// <summary>
/// Runs the filters in order on the complete answer: first the ones that block, then the ones that rewrite.
/// A block ends the chain; rewrites accumulate, so the visitor is sent one <c>replace</c> with the text every
/// filter agreed on.
/// </summary>
public sealed class AnswerFilterChain(IEnumerable<IAnswerFilter> filters)
{
    private readonly IAnswerFilter[] _filters = filters.ToArray();

    public async ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct)
    {
        var text = answer;
        foreach (var filter in _filters)
        {
            var outcome = await filter.ApplyAsync(context, text, ct);
            if (outcome.Verdict == FilterVerdict.Block)
                return outcome;
            text = outcome.Text;
        }

        return text == answer ? FilterOutcome.Keep(answer) : new FilterOutcome(FilterVerdict.Replace, text);
    }
}
