using Parley.Core.Bots;
using Parley.Server.Chat.Streaming;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Declining;

/// <summary>
/// A bot set to decline (<c>when_knowledge_unavailable: "decline"</c>) whose knowledge could not be searched in time
/// says so instead of answering without it, and charges nothing.
/// </summary>
public static class DeclineStep
{
    public const string Message = "I can't look this up right now. Please try again in a moment.";

    /// <summary>Whether the turn declines: its knowledge was not searched (<paramref name="passages"/> null) and the bot declines then.</summary>
    public static bool Applies(Bot bot, IReadOnlyList<Passage>? passages) =>
        passages is null && bot.WhenKnowledgeUnavailable == KnowledgeFallback.Decline;

    public static async Task<TurnOutcome> AnswerAsync(TurnDraft draft, SseWriter sse, CancellationToken aborted)
    {
        draft.Text.Append(Message);
        draft.Pricing = TurnPricing.Free;
        draft.Declined = true;
        await sse.ContentAsync(Message, aborted);
        return TurnOutcome.Answered;
    }
}
