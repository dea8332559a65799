using System.Text;
using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The conversation a generator sees: the bot's own prompt, Parley's instructions with the numbered passages
/// to answer from, the earlier turns, and the visitor's question, fitted to the model's context. When it does
/// not all fit, the oldest turns go first, then the lowest-ranked passages; the question always stays.
/// </summary>
public static class PromptBuilder
{
    private const string DefaultPersona =
        "You are the assistant on this business's website. Be brief, friendly and accurate.";

    private const string Instructions =
        "Answer only from the numbered sources below. After each statement taken from a source, cite it by its " +
        "number in square brackets, such as [1] or [2][3]; cite nothing else. If the sources do not hold the " +
        "answer, say that you do not know; never invent facts.";

    /// <summary>The prompt with the default budget, as the offline generator's callers use it.</summary>
    public static List<ChatMessage> Build(Bot bot, IReadOnlyList<Passage> passages, IReadOnlyList<Message> history, string question) =>
        Build(bot, passages, history, question, PromptBudget.Default).Messages;

    public static Prompt Build(
        Bot bot, IReadOnlyList<Passage> passages, IReadOnlyList<Message> history, string question, PromptBudget budget)
    {
        var head = Head(bot);
        var fixedTokens = TokenCounter.CountMessage(head) + TokenCounter.CountMessage(question) + TokenCounter.Count("Sources:\n(none found)\n");
        var passageTokens = passages.Select(p => TokenCounter.Count(Render(p))).ToList();
        var turnTokens = history.Select(m => TokenCounter.CountMessage(m.Content)).ToList();

        var total = fixedTokens + passageTokens.Sum() + turnTokens.Sum();
        var firstTurn = 0;
        while (total > budget.PromptTokens && firstTurn < history.Count)
            total -= turnTokens[firstTurn++];
        var keptPassages = passages.Count;
        while (total > budget.PromptTokens && keptPassages > 0)
            total -= passageTokens[--keptPassages];

        var fitted = passages.Take(keptPassages).ToList();
        var system = new StringBuilder(head).Append("\n\nSources:\n");
        if (fitted.Count == 0)
            system.Append("(none found)\n");
        foreach (var passage in fitted)
            system.Append(Render(passage));

        var messages = new List<ChatMessage>(history.Count - firstTurn + 2)
        {
            new(ChatRole.System, system.ToString().TrimEnd()) { AdditionalProperties = new() { [PromptKeys.Passages] = fitted } },
        };
        foreach (var message in history.Skip(firstTurn))
            messages.Add(new ChatMessage(message.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, message.Content));
        messages.Add(new ChatMessage(ChatRole.User, question));
        return new Prompt(messages, fitted, total);
    }

    private static string Head(Bot bot) => $"{bot.SystemPrompt ?? DefaultPersona}\n\n{Instructions}";

    private static string Render(Passage passage)
    {
        var text = new StringBuilder().Append('[').Append(passage.Number).Append("] ").Append(passage.PageTitle);
        if (passage.Heading is not null)
            text.Append(" — ").Append(passage.Heading);
        return text.Append('\n').Append(passage.Text).Append("\n\n").ToString();
    }
}
