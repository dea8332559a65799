using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Declining;
using Parley.Server.Chat.Failures;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Locking;
using Parley.Server.Chat.Providers;
using Parley.Server.Chat.SavedAnswers;
using Parley.Server.Chat.Streaming;
using Parley.Server.Credits;

namespace Parley.Server.Chat;

/// <summary>
/// One admitted message becomes an answer: reserve credits; give a saved answer (<see cref="SavedAnswerStep"/>) when the
/// question asks a Q&amp;A source's question again, else retrieve, generate (streaming each piece) and filter, or decline
/// (<see cref="DeclineStep"/>); then store the turn, settle credits, and end with exactly one <c>done</c> or <c>error</c>.
/// </summary>
public sealed class ChatTurnRunner(
    ChatClientFactory models,
    KnowledgeAnswerStep knowledgeAnswer,
    SavedAnswerFinder savedAnswers,
    SavedAnswerStep savedAnswer,
    ISavedAnswerStore savedAnswerStore,
    IConversationStore conversations,
    CreditPrice price,
    CreditReservations credits,
    IConversationLocks locks,
    IOptions<ModelOptions> modelOptions,
    TimeProvider time,
    ILogger<ChatTurnRunner> log)
{
    public async Task RunAsync(ChatAdmission admission, SseWriter sse)
    {
        var aborted = sse.VisitorGone;
        await sse.StartAsync(aborted);

        // Held until the turn is stored, so the conversation's next message sees this one in its history.
        IAsyncDisposable turnLock;
        try
        {
            turnLock = await locks.AcquireAsync(admission.ConversationId, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing is reserved or stored yet: the visitor is told to retry, and nothing is lost.
            log.LogError(e, "Taking the turn lock of conversation {ConversationId} failed.", admission.ConversationId);
            await UnavailableEvent.SendAsync(admission, sse, ProviderFailure.Internal(e), aborted);
            return;
        }

        await using (turnLock)
            await RunTurnAsync(admission, sse, aborted);
    }

    private async Task RunTurnAsync(ChatAdmission admission, SseWriter sse, CancellationToken aborted)
    {
        var (request, bot) = (admission.Request, admission.Bot);
        var model = models.For(bot);
        var cost = price.Reserve(model.Choice);
        // Held durably under a lease: if this server dies before the turn settles, another one gives them back.
        await using var held = await credits.TryReserveAsync(bot.WorkspaceId, cost, aborted);
        if (held is null)
        {
            await UnavailableEvent.OutOfCreditsAsync(admission, cost, credits, sse, aborted);
            return;
        }

        var question = NewMessage(admission, MessageRole.User, request.Message);
        var draft = new TurnDraft();
        AnswerFailure? failure = null;
        TurnOutcome outcome;
        try
        {
            await sse.StatusRetrievingAsync(aborted);
            var saved = await savedAnswers.FindAsync(bot, request.Message, aborted);
            outcome = saved.Match is { } match
                ? await savedAnswer.AnswerAsync(bot, request.Message, match, draft, sse, aborted)
                : await knowledgeAnswer.AnswerAsync(admission, model, saved.Asked, draft, sse, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            outcome = TurnOutcome.Interrupted;
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogError(e, "Generating an answer for bot {BotId} failed.", bot.Id);
            outcome = TurnOutcome.Failed;
            failure = draft.Generating && !model.Choice.IsExtractive
                ? ProviderFailure.Classify(e, model.Choice, bot.Model is null, draft.Text.Length > 0, modelOptions.Value.TimeoutSeconds)
                : ProviderFailure.Internal(e);
        }

        var answered = outcome == TurnOutcome.Answered;
        var shown = outcome == TurnOutcome.Blocked ? BlockedMessage : draft.Text.ToString();
        var reply = NewMessage(admission, MessageRole.Assistant, shown) with
        {
            Citations = answered ? draft.Citations : [],
            Interrupted = outcome is TurnOutcome.Interrupted or TurnOutcome.Failed,
            Failure = failure,
            SavedAnswerSourceId = answered ? draft.SavedAnswerSourceId : null,
            Outcome = answered && draft.SavedAnswerSourceId is not null
                ? MessageOutcome.SavedAnswer
                : AnswerOutcome.Of(outcome, draft.Declined, draft.FoundKnowledge, shown),
        };
        var charged = !answered ? 0 : draft.Pricing switch
        {
            TurnPricing.Tokens => price.Charge(draft.Usage.InputTokens, draft.Usage.OutputTokens, cost),
            TurnPricing.PerMessage => price.Charge(0, 0, cost),
            _ => 0,
        };

        // The visitor may be gone: storing the turn and settling credits must not be cancelled with the request.
        await conversations.SaveTurnAsync(
            new Turn(ConversationOf(admission, question), question, reply,
                new TurnUsage(draft.Usage.InputTokens, draft.Usage.OutputTokens, charged)),
            CancellationToken.None);
        await held.SettleAsync(charged);
        if (reply.SavedAnswerSourceId is { } sourceId)
            await CountHitAsync(bot, sourceId, reply.CreatedAt);

        try
        {
            await (outcome switch
            {
                TurnOutcome.Answered => sse.DoneAsync(reply.ConversationId, reply.Id, bot.CitationsEnabled ? reply.Citations : null, aborted),
                TurnOutcome.Blocked => sse.ErrorAsync("content_filtered", BlockedMessage, aborted),
                TurnOutcome.Failed => UnavailableEvent.SendAsync(admission, sse, failure!, aborted),
                _ => ValueTask.CompletedTask,
            });
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The visitor left just as the answer ended; the turn is stored all the same.
        }
    }

    /// <summary>Counts the saved answer given; a count that cannot be written is logged, and the visitor's answer stands.</summary>
    private async Task CountHitAsync(Bot bot, string sourceId, DateTimeOffset at)
    {
        try
        {
            await savedAnswerStore.RecordHitAsync(bot.Id, sourceId, at, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Counting a saved answer of Q&A source {SourceId} failed.", sourceId);
        }
    }

    private const string BlockedMessage = "This answer was blocked by the bot's content filters.";

    private Message NewMessage(ChatAdmission admission, MessageRole role, string content) =>
        new(Guid.CreateVersion7().ToString(), admission.ConversationId, role, content, [], false, time.GetUtcNow());

    private static Conversation ConversationOf(ChatAdmission admission, Message question) =>
        admission.Conversation ?? new Conversation(question.ConversationId, admission.Bot.Id, admission.Request.SessionId, question.CreatedAt, question.CreatedAt)
        {
            Channel = admission.Request.Channel,
            Title = Conversation.TitleOf(admission.Request.Message),
        };
}
