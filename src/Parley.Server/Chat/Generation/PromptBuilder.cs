using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The conversation a generator sees: the bot's own prompt, Parley's instructions with the numbered passages
/// to answer from, the earlier turns, and the visitor's question, fitted to the model's context. When it does
/// not all fit, the oldest turns go first, then the lowest-ranked passages; the question always stays.
/// Without a budget (the extractive generator, which reads only the passages) nothing is counted or cut:
/// counting costs about a microsecond per token, as much as the rest of an offline answer.
/// </summary>
public static partial class PromptBuilder
{
    private const string DefaultPersona =
        "You are the assistant on this business's website. Be brief, friendly and accurate.";

    private const string Instructions =
        "Answer only from the numbered sources below. After each statement taken from a source, cite it by its " +
        "number in square brackets, such as [1] or [2][3]; cite nothing else. If the sources do not hold the " +
        "answer, say that you do not know; never invent facts.";

    /// <summary>The prompt with the default budget, as the offline generator's callers use it.</summary>
    public static List<ChatMessage> Build(Bot bot, IReadOnlyList<Passage> passages, IReadOnlyList<Message> history, string question) =>
        Build(bot, passages, history, question, budget: null).Messages;

    public static Prompt Build(
        Bot bot, IReadOnlyList<Passage> passages, IReadOnlyList<Message> history, string question, PromptBudget? budget)
    {
        var head = Head(bot);
        var turns = history.Select(m => (m.Role, Text: m.Role == MessageRole.Assistant ? WithoutMarkers(m.Content) : m.Content)).ToList();
        if (budget is not null)
            passages = Narrowed(head, passages, question, budget);
        var (firstTurn, keptPassages) = budget is null ? (0, passages.Count) : Fit(head, passages, turns, question, budget);

        var fitted = passages.Take(keptPassages).ToList();
        var system = new StringBuilder(head).Append("\n\nSources:\n");
        if (fitted.Count == 0)
            system.Append("(none found)\n");
        foreach (var passage in fitted)
            system.Append(Render(passage));

        var messages = new List<ChatMessage>(turns.Count - firstTurn + 2)
        {
            new(ChatRole.System, system.ToString().TrimEnd()) { AdditionalProperties = new() { [PromptKeys.Passages] = fitted } },
        };
        foreach (var (role, text) in turns.Skip(firstTurn))
            messages.Add(new ChatMessage(role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, text));
        messages.Add(new ChatMessage(ChatRole.User, question));
        return new Prompt(messages, fitted);
    }

    /// <summary>
    /// Passages are whole sections where retrieval found several of a section's chunks; when they do not all fit,
    /// the lowest-ranked are narrowed to the chunk that matched before any passage is left out.
    /// </summary>
    private static IReadOnlyList<Passage> Narrowed(string head, IReadOnlyList<Passage> passages, string question, PromptBudget budget)
    {
        var room = budget.PromptTokens - TokenCounter.CountMessage(head) - TokenCounter.CountMessage(question);
        var tokens = passages.Select(p => TokenCounter.Count(Render(p))).ToList();
        if (tokens.Sum() <= room)
            return passages;
        var narrowed = passages.ToList();
        for (var i = narrowed.Count - 1; i >= 0 && tokens.Sum() > room; i--)
        {
            if (narrowed[i].Matched is not { } matched || matched == narrowed[i].Text)
                continue;
            narrowed[i] = narrowed[i] with { Text = matched };
            tokens[i] = TokenCounter.Count(Render(narrowed[i]));
        }

        return narrowed;
    }

    /// <summary>How many of the oldest turns to leave out, and how many passages to keep, to stay in the budget.</summary>
    private static (int FirstTurn, int KeptPassages) Fit(
        string head, IReadOnlyList<Passage> passages, List<(MessageRole Role, string Text)> turns, string question, PromptBudget budget)
    {
        var fixedTokens = TokenCounter.CountMessage(head) + TokenCounter.CountMessage(question) + TokenCounter.Count("Sources:\n(none found)\n");
        var passageTokens = passages.Select(p => TokenCounter.Count(Render(p))).ToList();
        var turnTokens = turns.Select(t => TokenCounter.CountMessage(t.Text)).ToList();

        var total = fixedTokens + passageTokens.Sum() + turnTokens.Sum();
        var firstTurn = 0;
        while (total > budget.PromptTokens && firstTurn < turns.Count)
            total -= turnTokens[firstTurn++];
        var keptPassages = passages.Count;
        while (total > budget.PromptTokens && keptPassages > 0)
            total -= passageTokens[--keptPassages];
        return (firstTurn, keptPassages);
    }

    /// <summary>
    /// An earlier answer's <c>[n]</c> markers point at that turn's sources, not at this prompt's numbered
    /// passages; left in, they invite the model to cite the wrong passage.
    /// </summary>
    private static string WithoutMarkers(string answer) => Marker().Replace(answer, "");

    [GeneratedRegex(@" ?\[\d{1,3}(?:\s*,\s*\d{1,3})*\]")]
    private static partial Regex Marker();

    private static string Head(Bot bot) => $"{bot.SystemPrompt ?? DefaultPersona}\n\n{Instructions}";

    private static string Render(Passage passage)
    {
        var text = new StringBuilder().Append('[').Append(passage.Number).Append("] ").Append(passage.PageTitle);
        if (passage.Heading is not null)
            text.Append(" — ").Append(passage.Heading);
        return text.Append('\n').Append(passage.Text).Append("\n\n").ToString();
    }
}
