using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Chat.Admission;
using Parley.Server.Chat.Declining;
using Parley.Server.Chat.Filters;
using Parley.Server.Chat.Generation.Extractive;
using Parley.Server.Chat.Providers;
using Parley.Server.Chat.Streaming;
using Parley.Server.Chat.WebSearch;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The usual answer: retrieve (for a follow-up, with the question rewritten to stand alone), then generate from the
/// passages found, streaming, then filter; or decline (<see cref="DeclineStep"/>) when the knowledge could not be
/// searched and the bot says so.
/// </summary>
public sealed class KnowledgeAnswerStep(
    KnowledgeRetriever retriever,
    WebSearchFallback webSearch,
    ChunkEmbedder embedder,
    AnswerFilterChain filters,
    IConversationStore conversations,
    IOptions<RetrievalOptions> retrieval,
    ILogger<KnowledgeAnswerStep> log)
{
    private const int HistoryMessages = 12;

    /// <param name="asked">The question as the saved-answer lookup embedded it, which retrieval reuses.</param>
    public async Task<TurnOutcome> AnswerAsync(
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
        draft.FoundKnowledge = prompt.Passages.Count > 0;
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
}
