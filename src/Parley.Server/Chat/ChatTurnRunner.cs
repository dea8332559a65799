using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation;
using Parley.Server.Chat.Locking;
using Parley.Server.Chat.Streaming;
using Parley.Server.Credits;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat;

/// <summary>
/// One admitted message becomes an answer: reserve credits, retrieve, generate (streaming each piece),
/// filter, store the turn, settle credits, and end with exactly one <c>done</c> or <c>error</c>.
/// </summary>
public sealed class ChatTurnRunner(
    KnowledgeRetriever retriever,
    IChatClient generator,
    AnswerFilterChain filters,
    IWorkspaceStore workspaces,
    IConversationStore conversations,
    IConversationLocks locks,
    IOptions<CreditOptions> credits,
    IOptions<RetrievalOptions> retrieval,
    TimeProvider time,
    ILogger<ChatTurnRunner> log)
{
    private const int HistoryMessages = 12;
    private const string Unavailable = "Service temporarily unavailable. Please try again later.";

    public async Task RunAsync(ChatAdmission admission, SseWriter sse)
    {
        var (request, bot) = (admission.Request, admission.Bot);
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
            await sse.ErrorAsync("service_unavailable", Unavailable, aborted);
            return;
        }

        await using (turnLock)
            await RunTurnAsync(admission, sse, aborted);
    }

    private async Task RunTurnAsync(ChatAdmission admission, SseWriter sse, CancellationToken aborted)
    {
        var (request, bot) = (admission.Request, admission.Bot);
        var cost = credits.Value.PerMessage;
        if (cost > 0 && !await workspaces.TryReserveCreditsAsync(bot.WorkspaceId, cost, aborted))
        {
            await sse.ErrorAsync("service_unavailable", Unavailable, aborted);
            return;
        }

        var question = NewMessage(admission, MessageRole.User, request.Message);
        var answer = new StringBuilder();
        IReadOnlyList<Citation> citations = [];
        var usage = new UsageDetails();
        TurnOutcome outcome;
        try
        {
            await sse.StatusRetrievingAsync(aborted);
            var history = admission.Conversation is { } existing
                ? await conversations.GetMessagesAsync(existing.Id, HistoryMessages, aborted)
                : [];
            var passages = await RetrieveAsync(admission, history, sse, aborted);

            await sse.StatusGeneratingAsync(aborted);
            var gate = new BlockedTermsGate(bot);
            var cited = await GenerateAsync(PromptBuilder.Build(bot, passages, history, request.Message), answer, gate, usage, sse, aborted);
            citations = Cite(passages, cited);

            var filtered = gate.Blocked ? new FilterOutcome(FilterVerdict.Block, "") : filters.Apply(bot, answer.ToString());
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
        }

        var shown = outcome == TurnOutcome.Blocked ? BlockedMessage : answer.ToString();
        var reply = NewMessage(admission, MessageRole.Assistant, shown) with
        {
            Citations = outcome == TurnOutcome.Answered ? citations : [],
            Interrupted = outcome is TurnOutcome.Interrupted or TurnOutcome.Failed,
        };
        var charged = outcome == TurnOutcome.Answered ? cost : 0;

        // The visitor may be gone: storing the turn and settling credits must not be cancelled with the request.
        await conversations.SaveTurnAsync(
            new Turn(ConversationOf(admission, question), question, reply,
                new TurnUsage((int)(usage.InputTokenCount ?? 0), (int)(usage.OutputTokenCount ?? 0), charged)),
            CancellationToken.None);
        if (charged < cost)
            await workspaces.RefundCreditsAsync(bot.WorkspaceId, cost - charged, CancellationToken.None);

        try
        {
            await (outcome switch
            {
                TurnOutcome.Answered => sse.DoneAsync(reply.ConversationId, reply.Id, bot.CitationsEnabled ? citations : null, aborted),
                TurnOutcome.Blocked => sse.ErrorAsync("content_filtered", BlockedMessage, aborted),
                TurnOutcome.Failed => sse.ErrorAsync("service_unavailable", Unavailable, aborted),
                _ => ValueTask.CompletedTask,
            });
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The visitor left just as the answer ended; the turn is stored all the same.
        }
    }

    private const string BlockedMessage = "This answer was blocked by the bot's content filters.";

    private async Task<IReadOnlyList<Passage>> RetrieveAsync(
        ChatAdmission admission, IReadOnlyList<Message> history, SseWriter sse, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(retrieval.Value.TimeoutMs);
        try
        {
            return await retriever.RetrieveAsync(admission.Bot, admission.Request.Message, history, budget.Token);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            log.LogWarning(e, "Retrieval for bot {BotId} failed; answering without knowledge.", admission.Bot.Id);
            await sse.NoticeAsync("rag_unavailable",
                "The knowledge base could not be searched just now; this answer does not draw on it.", aborted);
            return [];
        }
    }

    /// <summary>
    /// Streams the generator's text as <c>content</c> events, through the blocked-terms gate, and returns
    /// the passages the generator says it used, if it says. A blocked answer stops the generator at once.
    /// </summary>
    private async Task<int[]?> GenerateAsync(
        List<ChatMessage> prompt, StringBuilder answer, BlockedTermsGate gate, UsageDetails usage, SseWriter sse, CancellationToken aborted)
    {
        int[]? cited = null;
        await foreach (var update in generator.GetStreamingResponseAsync(prompt, cancellationToken: aborted))
        {
            foreach (var content in update.Contents)
            {
                if (content is TextContent { Text.Length: > 0 } text)
                    answer.Append(text.Text);
                else if (content is UsageContent { Details: var details })
                    usage.Add(details);
            }

            if (update.AdditionalProperties?.TryGetValue(PromptKeys.CitedPassages, out var value) == true && value is int[] numbers)
                cited = numbers;
            await SendAsync(gate.Release(answer, final: false), sse, aborted);
            if (gate.Blocked)
                return cited;
        }

        aborted.ThrowIfCancellationRequested();
        await SendAsync(gate.Release(answer, final: true), sse, aborted);
        return cited;
    }

    private static async ValueTask SendAsync(string text, SseWriter sse, CancellationToken aborted)
    {
        if (text.Length > 0)
            await sse.ContentAsync(text, aborted);
    }

    private static IReadOnlyList<Citation> Cite(IReadOnlyList<Passage> passages, int[]? cited) =>
        passages
            .Where(p => cited is null || cited.Contains(p.Number))
            .Select(p => new Citation(p.PageTitle, p.Url, p.SourceId, p.Score, FromWebSearch: false))
            .ToList();

    private Message NewMessage(ChatAdmission admission, MessageRole role, string content) =>
        new(Guid.CreateVersion7().ToString(), admission.ConversationId, role, content, [], false, time.GetUtcNow());

    private Conversation ConversationOf(ChatAdmission admission, Message question) =>
        admission.Conversation ?? new Conversation(question.ConversationId, admission.Bot.Id, admission.Request.SessionId, question.CreatedAt, question.CreatedAt);

}
