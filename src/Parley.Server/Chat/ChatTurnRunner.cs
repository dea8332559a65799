using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Failures;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Generation.Extractive;
using Parley.Server.Chat.Providers;
using Parley.Server.Chat.Locking;
using Parley.Server.Chat.Streaming;
using Parley.Server.Chat.WebSearch;
using Parley.Server.Credits;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat;

/// <summary>
/// One admitted message becomes an answer: reserve credits, retrieve, generate (streaming each piece),
/// filter, store the turn, settle credits, and end with exactly one <c>done</c> or <c>error</c>.
/// </summary>
public sealed class ChatTurnRunner(
    KnowledgeRetriever retriever,
    ChatClientFactory models,
    WebSearchFallback webSearch,
    ChunkEmbedder embedder,
    AnswerFilterChain filters,
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
        var answer = new StringBuilder();
        IReadOnlyList<Citation> citations = [];
        var usage = new UsageMeter();
        var declined = false;
        var generating = false;
        AnswerFailure? failure = null;
        var foundKnowledge = false;
        TurnOutcome outcome;
        try
        {
            await sse.StatusRetrievingAsync(aborted);
            var history = admission.Conversation is { } existing
                ? await conversations.GetMessagesAsync(existing.Id, HistoryMessages, aborted)
                : [];
            var (query, context) = await StandaloneQueryAsync(model, history, request.Message, usage, aborted);
            var found = await RetrieveAsync(admission, query, context, sse, aborted);
            var passages = found?.Passages;
            if (passages is not null)
                passages = await webSearch.SupplementAsync(bot, query, passages, sse, aborted);

            await sse.StatusGeneratingAsync(aborted);
            if (passages is null && bot.WhenKnowledgeUnavailable == KnowledgeFallback.Decline)
            {
                declined = true;
                answer.Append(DeclinedMessage);
                await sse.ContentAsync(DeclinedMessage, aborted);
            }

            passages ??= [];
            var gate = new BlockedTermsGate(bot);
            var budget = model.Choice.IsExtractive ? null : PromptBudget.For(model.Choice);
            var prompt = PromptBuilder.Build(bot, passages, history, request.Message, budget);
            foundKnowledge = prompt.Passages.Count > 0;
            BindExtractiveHints(prompt, bot, found);
            var markers = new CitationMarkers(prompt.Passages.Select(p => p.Number).ToList(), bot.CitationsEnabled);
            // Only the model's answer call fails as the provider's (the follow-up rewrite catches its own); any other step's failure is Parley's.
            generating = true;
            var cited = declined ? null : await GenerateAsync(model, prompt, answer, markers, gate, usage, sse, aborted);
            generating = false;
            citations = declined ? [] : Cite(prompt.Passages, markers.Used.Count > 0 || !model.Choice.IsExtractive ? markers.Used : cited);

            var filtered = gate.Blocked ? new FilterOutcome(FilterVerdict.Block, "")
                : declined ? FilterOutcome.Keep(DeclinedMessage)
                : await filters.ApplyAsync(new FilterContext(bot, request.Message, prompt.Passages, Quoted: model.Client is ExtractiveChatClient), answer.ToString(), aborted);
            outcome = filtered.Verdict == FilterVerdict.Block ? TurnOutcome.Blocked : TurnOutcome.Answered;
            if (filtered.Verdict == FilterVerdict.Replace)
            {
                answer.Clear().Append(filtered.Text);
                await sse.ReplaceAsync(filtered.Text, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            outcome = TurnOutcome.Interrupted;
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogError(e, "Generating an answer for bot {BotId} failed.", bot.Id);
            outcome = TurnOutcome.Failed;
            failure = generating && !model.Choice.IsExtractive
                ? ProviderFailure.Classify(e, model.Choice, bot.Model is null, answer.Length > 0, modelOptions.Value.TimeoutSeconds)
                : ProviderFailure.Internal(e);
        }

        var shown = outcome == TurnOutcome.Blocked ? BlockedMessage : answer.ToString();
        var reply = NewMessage(admission, MessageRole.Assistant, shown) with
        {
            Citations = outcome == TurnOutcome.Answered ? citations : [],
            Interrupted = outcome is TurnOutcome.Interrupted or TurnOutcome.Failed,
            Failure = failure,
            Outcome = AnswerOutcome.Of(outcome, declined, foundKnowledge, shown),
        };
        // A declined answer tells the visitor nothing they asked for, so it costs nothing either.
        var charged = outcome == TurnOutcome.Answered && !declined ? price.Charge(usage.InputTokens, usage.OutputTokens, cost) : 0;

        // The visitor may be gone: storing the turn and settling credits must not be cancelled with the request.
        await conversations.SaveTurnAsync(
            new Turn(ConversationOf(admission, question), question, reply,
                new TurnUsage(usage.InputTokens, usage.OutputTokens, charged)),
            CancellationToken.None);
        await held.SettleAsync(charged);

        try
        {
            await (outcome switch
            {
                TurnOutcome.Answered => sse.DoneAsync(reply.ConversationId, reply.Id, bot.CitationsEnabled ? citations : null, aborted),
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

    private const string BlockedMessage = "This answer was blocked by the bot's content filters.";
    private const string DeclinedMessage = "I can't look this up right now. Please try again in a moment.";

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
        ChatAdmission admission, string query, IReadOnlyList<Message> context, SseWriter sse, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(retrieval.Value.TimeoutMs);
        try
        {
            return await retriever.RetrieveTurnAsync(admission.Bot, query, context, budget.Token);
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
