using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Streaming;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// Gives a saved answer: the Q&amp;A source's answer verbatim, citing the source (its link, if it has one), without
/// calling the model, priced at the per-message credit only. It still passes the bot's filters like any answer: blocked
/// terms and topics block it, and PII redaction applies with the bot's <c>pii_allow</c>, which is where a business's
/// own contact details belong; grounding passes, the answer being its own passage.
/// </summary>
public sealed class SavedAnswerStep(AnswerFilterChain filters)
{
    /// <summary>A message's outcome when it is a saved answer (it counts as answered).</summary>
    public const string Outcome = "saved_answer";

    public async Task<TurnOutcome> AnswerAsync(Bot bot, string question, SavedAnswerMatch match, TurnDraft draft, SseWriter sse, CancellationToken aborted)
    {
        var saved = match.Saved;
        var score = Math.Round(match.Closeness, 3);
        var passage = new Passage(1, saved.SourceId, SourceType.Qa, saved.Question, saved.Url, null, saved.Answer, score);
        draft.Pricing = TurnPricing.PerMessage;
        draft.SavedAnswerSourceId = saved.SourceId;
        draft.Citations = [new Citation(saved.Question, saved.Url, saved.SourceId, score, FromWebSearch: false)];

        // The whole answer is known: it is filtered before the visitor sees any of it.
        var filtered = await filters.ApplyAsync(new FilterContext(bot, question, [passage], Quoted: true), saved.Answer, aborted);
        if (filtered.Verdict == FilterVerdict.Block)
            return TurnOutcome.Blocked;
        draft.Text.Append(filtered.Text);
        await sse.ContentAsync(filtered.Text, aborted);
        return TurnOutcome.Answered;
    }
}
