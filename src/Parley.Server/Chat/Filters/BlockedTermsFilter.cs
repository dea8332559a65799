using System.Text.RegularExpressions;
using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>Blocks an answer that contains one of the bot's blocked terms as a whole word or phrase, in any case.</summary>
public sealed class BlockedTermsFilter : IAnswerFilter
{
    public ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct) =>
        ValueTask.FromResult(Matcher(context.Bot) is { } matcher && matcher.IsMatch(answer)
            ? new FilterOutcome(FilterVerdict.Block, answer)
            : FilterOutcome.Keep(answer));

    /// <summary>One pattern for all of a bot's terms, or null when it has none.</summary>
    public static Regex? Matcher(Bot bot)
    {
        if (bot.Filters.BlockedTerms.Count == 0)
            return null;
        var alternatives = string.Join('|', bot.Filters.BlockedTerms.Select(Regex.Escape));
        return new Regex(
            $@"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));
    }
}
