using System.Text;
using Microsoft.Extensions.AI;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The conversation a generator sees: the bot's instructions with the numbered passages to answer
/// from, the earlier turns, and the visitor's question.
/// </summary>
public static class PromptBuilder
{
    private const string DefaultPersona =
        "You are the assistant on this business's website. Be brief, friendly and accurate.";

    private const string Grounding =
        "Answer only from the numbered sources below and cite the ones you use as [1], [2]. " +
        "If they do not hold the answer, say that you do not know; never invent facts.";

    public static List<ChatMessage> Build(Bot bot, IReadOnlyList<Passage> passages, IReadOnlyList<Message> history, string question)
    {
        var system = new StringBuilder(bot.SystemPrompt ?? DefaultPersona).Append("\n\n").Append(Grounding).Append("\n\nSources:\n");
        if (passages.Count == 0)
            system.Append("(none found)\n");
        foreach (var passage in passages)
        {
            system.Append('[').Append(passage.Number).Append("] ").Append(passage.PageTitle);
            if (passage.Heading is not null)
                system.Append(" — ").Append(passage.Heading);
            system.Append('\n').Append(passage.Text).Append("\n\n");
        }

        var messages = new List<ChatMessage>(history.Count + 2)
        {
            new(ChatRole.System, system.ToString()) { AdditionalProperties = new() { [PromptKeys.Passages] = passages } },
        };
        foreach (var message in history)
            messages.Add(new ChatMessage(message.Role == MessageRole.User ? ChatRole.User : ChatRole.Assistant, message.Content));
        messages.Add(new ChatMessage(ChatRole.User, question));
        return messages;
    }
}
