using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Generation.Extractive;

/// <summary>
/// The offline default generator: answers by quoting the retrieved passages (see <see cref="ExtractiveAnswer"/>),
/// with no language model and no API key. It is an <see cref="IChatClient"/> like any model provider, so the pipeline cannot tell them apart.
/// </summary>
public sealed class ExtractiveChatClient : IChatClient
{
    private const int WordsPerPiece = 4;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
            updates.Add(update);
        return updates.ToChatResponse();
    }

#pragma warning disable CS1998 // An iterator that composes its answer at once, and streams it as a model would.
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var properties = conversation.FirstOrDefault(m => m.Role == ChatRole.System)?.AdditionalProperties;
        var passages = properties?.TryGetValue(PromptKeys.Passages, out var value) == true && value is IReadOnlyList<Passage> list ? list : [];
        var question = conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var earlier = properties?.TryGetValue(PromptKeys.EarlierQuestion, out var e) == true ? e as string : null;
        var bar = properties?.TryGetValue(PromptKeys.MeaningBar, out var b) == true && b is MeaningBar known ? known : null;

        var unknown = properties?.TryGetValue(PromptKeys.UnknownNames, out var u) == true && u is IReadOnlyList<string> names ? names : [];

        var (text, cited) = ExtractiveAnswer.Compose(question, earlier, passages, bar, unknown);
        foreach (var piece in Pieces(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }

        var inputTokens = conversation.Sum(m => m.Text.Length) / 4;
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = text.Length / 4 })],
            AdditionalProperties = new() { [PromptKeys.CitedPassages] = cited },
            FinishReason = ChatFinishReason.Stop,
        };
    }
#pragma warning restore CS1998

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>
    /// Streams a few whole words at a time, the way a model's tokens arrive, and ends a piece where a sentence
    /// ends; the pieces joined are exactly the answer.
    /// </summary>
    internal static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])))
                continue;
            // text[i] is the last space after a word.
            words++;
            if (words == WordsPerPiece || (i > 0 && text[i - 1] is '.' or '!' or '?'))
            {
                yield return text[start..(i + 1)];
                start = i + 1;
                words = 0;
            }
        }

        if (start < text.Length)
            yield return text[start..];
    }
}
