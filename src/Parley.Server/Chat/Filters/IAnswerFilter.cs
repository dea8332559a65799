namespace Parley.Server.Chat.Filters;

/// <summary>One step of the post-filter chain, run on the complete answer.</summary>
public interface IAnswerFilter
{
    ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct);
}
