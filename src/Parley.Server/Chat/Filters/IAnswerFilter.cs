using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>One step of the post-filter chain, run on the complete answer.</summary>
public interface IAnswerFilter
{
    FilterOutcome Apply(Bot bot, string answer);
}
