using System.Text.RegularExpressions;
using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>Blocks an answer that contains one of the bot's blocked terms as a whole word or phrase, in any case.</summary>
public sealed class BlockedTermsFilter : IAnswerFilter
{
    public FilterOutcome Apply(Bot bot, string answer)
    {
        foreach (var term in bot.Filters.BlockedTerms)
        {
            var pattern = $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term)}(?![\p{{L}}\p{{N}}])";
            if (Regex.IsMatch(answer, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                return new FilterOutcome(FilterVerdict.Block, answer);
        }

        return FilterOutcome.Keep(answer);
    }
}
