using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The offline default generator: answers by quoting the retrieved passages (see <see cref="ExtractiveAnswer"/>),
/// with no model and no API key. It is an <see cref="IChatClient"/> like any model provider, so the
/// pipeline cannot tell them apart.
/// </summary>
public sealed class ExtractiveChatClient : IChatClient
{
    private const int TargetChunkChars = 32;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
            updates.Add(update);
        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var passages = conversation.FirstOrDefault(m => m.Role == ChatRole.System)?.AdditionalProperties?
            .TryGetValue(PromptKeys.Passages, out var value) == true && value is IReadOnlyList<Passage> list ? list : [];
        var question = conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

        var (text, cited) = ExtractiveAnswer.Compose(QueryTerms.Extract(question), passages);
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
        await Task.CompletedTask;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>Streams in runs of whole words, the way a model's tokens arrive, never splitting a word.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + TargetChunkChars);
            if (end < text.Length)
            {
                var space = text.IndexOf(' ', end);
                end = space < 0 ? text.Length : space + 1;
            }

            yield return text[start..end];
            start = end;
        }
    }
}
