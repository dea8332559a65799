using Parley.Core.Bots;
using Parley.Server.Chat.Filters;

namespace Parley.Server.Insights;

/// <summary>
/// Visitors' questions as insights show them: with the bot's <c>filters.redact_pii</c> on, e-mail addresses, phone and
/// card numbers are masked exactly as in its answers (the same filter, the bot's own contact details kept).
/// </summary>
internal sealed class QuestionRedaction(Bot bot)
{
    public string Apply(string question) => PiiRedactionFilter.Redact(bot, question).Text;
}
