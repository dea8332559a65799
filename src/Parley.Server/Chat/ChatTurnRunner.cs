using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Declining;
using Parley.Server.Chat.Failures;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Generation.Extractive;
using Parley.Server.Chat.Providers;
using Parley.Server.Chat.SavedAnswers;
using Parley.Server.Chat.Locking;
using Parley.Server.Chat.Streaming;
using Parley.Server.Chat.WebSearch;
using Parley.Server.Credits;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat;

/// <summary>
/// One admitted message becomes an answer: reserve credits; give a saved answer (<see cref="SavedAnswerStep"/>) when the
/// question asks a Q&amp;A source's question again, else retrieve, generate (streaming each piece) and filter, or decline
/// (<see cref="DeclineStep"/>); then store the turn, settle credits, and end with exactly one <c>done</c> or <c>error</c>.
/// </summary>
public sealed class ChatTurnRunner(
    KnowledgeRetriever retriever,
    ChatClientFactory models,
    WebSearchFallback webSearch,
    ChunkEmbedder embedder,
    AnswerFilterChain filters,
    SavedAnswerFinder savedAnswers,
    SavedAnswerStep savedAnswer,
    ISavedAnswerStore savedAnswerStore,
    IConversationStore conversations,
    CreditPrice price,
    CreditReservations credits,
    IConversationLocks locks,
    IOptions<RetrievalOptions> retrieval,
    IOptions<ModelOptions> modelOptions,
    TimeProvider time,
    ILogger<ChatTurnRunner> log)
{
    private const int HistoryMessages = 12;

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
                : await AnswerFromKnowledgeAsync(admission, model, saved.Asked, draft, sse, aborted);
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
        var reply = NewMessage(admission, MessageRole.Assistant, outcome == TurnOutcome.Blocked ? BlockedMessage : draft.Text.ToString()) with
        {
            Citations = answered ? draft.Citations : [],
            Interrupted = outcome is TurnOutcome.Interrupted or TurnOutcome.Failed,
            Failure = failure,
            SavedAnswerSourceId = answered ? draft.SavedAnswerSourceId : null,
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

    /// <summary>
    /// The usual path: retrieve (for a follow-up, with the question rewritten to stand alone), then generate from the
    /// passages found, streaming, then filter; or decline when the knowledge could not be searched and the bot says so.
    /// </summary>
    private async Task<TurnOutcome> AnswerFromKnowledgeAsync(
        ChatAdmission admission, BotModel model, EmbeddedQuestion? asked, TurnDraft draft, SseWriter sse, CancellationToken aborted)
    {
        var (request, bot) = (admission.Request, admission.Bot);
        var history = admission.Conversation is { } existing
            ? await conversations.GetMessagesAsync(existing.Id, HistoryMessages, aborted)
            : [];
        var (query, context) = await StandaloneQueryAsync(model, history, request.Message, draft.Usage, aborted);
        var found = await RetrieveAsync(admission, query, context, asked, sse, aborted);
        var passages = found?.Passages;
        if (passages is not null)
            passages = await webSearch.SupplementAsync(bot, query, passages, sse, aborted);

        await sse.StatusGeneratingAsync(aborted);
        if (DeclineStep.Applies(bot, passages))
            return await DeclineStep.AnswerAsync(draft, sse, aborted);

        passages ??= [];
        var gate = new BlockedTermsGate(bot);
        var budget = model.Choice.IsExtractive ? null : PromptBudget.For(model.Choice);
        var prompt = PromptBuilder.Build(bot, passages, history, request.Message, budget);
        BindExtractiveHints(prompt, bot, found);
        var markers = new CitationMarkers(prompt.Passages.Select(p => p.Number).ToList(), bot.CitationsEnabled);
        // Only the model's answer call fails as the provider's (the follow-up rewrite catches its own); any other step's failure is Parley's.
        draft.Generating = true;
        var cited = await GenerateAsync(model, prompt, draft.Text, markers, gate, draft.Usage, sse, aborted);
        draft.Generating = false;
        draft.Citations = Cite(prompt.Passages, markers.Used.Count > 0 || !model.Choice.IsExtractive ? markers.Used : cited);

        var filtered = gate.Blocked ? new FilterOutcome(FilterVerdict.Block, "")
            : await filters.ApplyAsync(new FilterContext(bot, request.Message, prompt.Passages, Quoted: model.Client is ExtractiveChatClient), draft.Text.ToString(), aborted);
        if (filtered.Verdict == FilterVerdict.Replace)
        {
            draft.Text.Clear().Append(filtered.Text);
            await sse.ReplaceAsync(filtered.Text, aborted);
        }

        return filtered.Verdict == FilterVerdict.Block ? TurnOutcome.Blocked : TurnOutcome.Answered;
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

    /// <summary>
    /// The question retrieval searches for: a follow-up rewritten to stand alone by the bot's model, with no
    /// history then needed; or, without a model (or when the rewrite fails), the question and the history the
    /// retriever borrows context from.
    /// </summary>
    private async Task<(string Query, IReadOnlyList<Message> Context)> StandaloneQueryAsync(
        BotModel model, IReadOnlyList<Message> history, string question, UsageMeter usage, CancellationToken aborted)
    {
        if (!FollowUpRewriter.Applies(model, history))
            return (question, history);
        try
        {
            return await FollowUpRewriter.RewriteAsync(model, history, question, usage, aborted) is { } rewritten
                ? (rewritten, [])
                : (question, history);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogWarning("Rewriting a follow-up for retrieval failed ({Failure}); searching with the question as asked.", e.GetType().Name);
            return (question, history);
        }
    }

    /// <summary>The passages for the question, or null when the knowledge could not be searched in time.</summary>
    private async Task<TurnRetrieval?> RetrieveAsync(
        ChatAdmission admission, string query, IReadOnlyList<Message> context, EmbeddedQuestion? asked, SseWriter sse, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(retrieval.Value.TimeoutMs);
        try
        {
            return await retriever.RetrieveTurnAsync(admission.Bot, query, context, budget.Token, embedded: asked);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogWarning(e, "Retrieval for bot {BotId} failed; answering without knowledge.", admission.Bot.Id);
            await sse.NoticeAsync("rag_unavailable",
                "The knowledge base could not be searched just now; this answer does not draw on it.", aborted);
            return null;
        }
    }

    /// <summary>
    /// Streams the generator's text as <c>content</c> events, its citation markers renumbered, through the
    /// blocked-terms gate, and returns the passages the generator says it used, if it says. A blocked answer
    /// stops the generator at once. Tokens are metered however the stream ends.
    /// </summary>
    private static async Task<int[]?> GenerateAsync(
        BotModel model, Prompt prompt, StringBuilder answer, CitationMarkers markers, BlockedTermsGate gate,
        UsageMeter usage, SseWriter sse, CancellationToken aborted)
    {
        int[]? cited = null;
        UsageDetails? reported = null;
        var written = new StringBuilder();
        try
        {
            await foreach (var update in model.Client.GetStreamingResponseAsync(prompt.Messages, model.AnswerOptions(), aborted))
            {
                foreach (var content in update.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 } text)
                    {
                        written.Append(text.Text);
                        // A model's stray NUL is no text, and PostgreSQL could not store the answer holding it.
                        answer.Append(markers.Feed(text.Text.Replace("\0", "", StringComparison.Ordinal)));
                    }
                    else if (content is UsageContent { Details: var details })
                    {
                        (reported ??= new UsageDetails()).Add(details);
                    }
                }

                if (update.AdditionalProperties?.TryGetValue(PromptKeys.CitedPassages, out var value) == true && value is int[] numbers)
                    cited = numbers;
                await SendAsync(gate.Release(answer, final: false), sse, aborted);
                if (gate.Blocked)
                    return cited;
            }

            aborted.ThrowIfCancellationRequested();
            answer.Append(markers.Flush());
            await SendAsync(gate.Release(answer, final: true), sse, aborted);
            return cited;
        }
        finally
        {
            usage.Add(reported, () => prompt.Tokens, () => TokenCounter.Count(written.ToString()));
        }
    }

    /// <summary>
    /// What the extractive generator reads beside the passages: the earlier question a follow-up leans on, the names
    /// asked about that the knowledge never mentions, and how close in meaning a passage must be on the bot's
    /// embedding model's scale. Model providers do not send these.
    /// </summary>
    private void BindExtractiveHints(Prompt prompt, Bot bot, TurnRetrieval? found)
    {
        if (prompt.Messages.FirstOrDefault(m => m.Role == ChatRole.System) is not { } system)
            return;
        var hints = system.AdditionalProperties ??= [];
        // Only a model Parley ships has measured levels; a remote one's cosines are not judged on borrowed ones.
        var model = embedder.ModelOf(bot);
        if (model.Id?.StartsWith("local/", StringComparison.Ordinal) == true)
            hints[PromptKeys.MeaningBar] = MeaningBar.On(model.Scale);
        if (found?.Earlier is { } earlier)
            hints[PromptKeys.EarlierQuestion] = earlier;
        if (found?.UnknownNames is { Count: > 0 } unknown)
            hints[PromptKeys.UnknownNames] = unknown;
    }

    private static async ValueTask SendAsync(string text, SseWriter sse, CancellationToken aborted)
    {
        if (text.Length > 0)
            await sse.ContentAsync(text, aborted);
    }

    /// <summary>
    /// The passages the answer used, in the order it used them. A generator that names none (neither markers
    /// nor a list) is taken to have used them all only if it is the extractive kind, which answers from them alone.
    /// </summary>
    private static IReadOnlyList<Citation> Cite(IReadOnlyList<Passage> passages, IReadOnlyList<int>? cited) =>
        (cited is null ? passages : cited.Distinct().Select(n => passages.FirstOrDefault(p => p.Number == n)).OfType<Passage>())
            .Select(p => new Citation(p.PageTitle, p.Url, p.SourceId, p.Score, p.FromWebSearch))
            .ToList();

    private Message NewMessage(ChatAdmission admission, MessageRole role, string content) =>
        new(Guid.CreateVersion7().ToString(), admission.ConversationId, role, content, [], false, time.GetUtcNow());

    private static Conversation ConversationOf(ChatAdmission admission, Message question) =>
        admission.Conversation ?? new Conversation(question.ConversationId, admission.Bot.Id, admission.Request.SessionId, question.CreatedAt, question.CreatedAt)
        {
            Channel = admission.Request.Channel,
            Title = Conversation.TitleOf(admission.Request.Message),
        };

}
