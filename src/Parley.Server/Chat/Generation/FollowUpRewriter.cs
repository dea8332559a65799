using System.Text;
using Microsoft.Extensions.AI;
using Parley.Core.Conversations;
using Parley.Server.Chat.Providers;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Asks the bot's model to turn a follow-up ("and how much does it cost?") into a question that stands alone
/// ("How much does the Pro plan cost?"), so retrieval searches for the thing being discussed. Only with a
/// language model: the extractive generator has none, and retrieval then borrows the previous question's words.
/// </summary>
public static class FollowUpRewriter
{
    /// <summary>The most the rewrite reads: the latest turns that fit, then the question.</summary>
    public const int MaxInputTokens = 1_500;

    public const int MaxOutputTokens = 100;

    private const int MaxQueryChars = 500;

    private const string Instructions =
        "You rewrite the visitor's latest message as one standalone question for searching a business's " +
        "knowledge base. Use the conversation only to spell out what words such as \"it\", \"that\" or \"they\" " +
        "refer to; keep the visitor's own words otherwise. If the message already stands alone, return it unchanged. " +
        "Reply with the question alone: no quotes, no explanation.";

    public static bool Applies(BotModel model, IReadOnlyList<Message> history) =>
        !model.Choice.IsExtractive && history.Any(m => m.Role == MessageRole.User);

    /// <summary>The standalone question, or null when the model's reply cannot be one.</summary>
    public static async Task<string?> RewriteAsync(
        BotModel model, IReadOnlyList<Message> history, string question, UsageMeter usage, CancellationToken ct)
    {
        var prompt = Build(history, question);
        var reply = new StringBuilder();
        UsageDetails? reported = null;
        try
        {
            var options = new ChatOptions { MaxOutputTokens = MaxOutputTokens, Temperature = 0 };
            await foreach (var update in model.Client.GetStreamingResponseAsync(prompt, options, ct))
            {
                reply.Append(update.Text);
                foreach (var content in update.Contents.OfType<UsageContent>())
                    (reported ??= new UsageDetails()).Add(content.Details);
            }
        }
        finally
        {
            usage.Add(reported, () => prompt.Sum(m => TokenCounter.CountMessage(m.Text)), () => TokenCounter.Count(reply.ToString()));
        }

        var line = reply.ToString().Trim().Split('\n')[0].Trim().Trim('"', '\'', '“', '”').Trim();
        return line.Length is > 0 and <= MaxQueryChars ? line : null;
    }

    private static List<ChatMessage> Build(IReadOnlyList<Message> history, string question)
    {
        var budget = MaxInputTokens - TokenCounter.CountMessage(Instructions) - TokenCounter.CountMessage(question) - 20;
        var turns = new List<string>();
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var line = $"{(history[i].Role == MessageRole.User ? "Visitor" : "Assistant")}: {history[i].Content}";
            budget -= TokenCounter.Count(line) + 1;
            if (budget < 0)
                break;
            turns.Insert(0, line);
        }

        return
        [
            new ChatMessage(ChatRole.System, Instructions),
            new ChatMessage(ChatRole.User, $"Conversation:\n{string.Join('\n', turns)}\n\nLatest message: {question}"),
        ];
    }
}
