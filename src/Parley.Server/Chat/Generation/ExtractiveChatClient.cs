using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The offline default generator: answers by quoting the retrieved passages (see <see cref="ExtractiveAnswer"/>),
/// with no language model and no API key; when the bot has an embedding model, sentences are also chosen by
/// meaning. It is an <see cref="IChatClient"/> like any model provider, so the pipeline cannot tell them apart.
/// </summary>
public sealed class ExtractiveChatClient(SentenceVectors? sentences = null) : IChatClient
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

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var properties = conversation.FirstOrDefault(m => m.Role == ChatRole.System)?.AdditionalProperties;
        var passages = properties?.TryGetValue(PromptKeys.Passages, out var value) == true && value is IReadOnlyList<Passage> list ? list : [];
        var question = QuestionOf(conversation);

        var embed = properties?.TryGetValue(PromptKeys.EmbeddingModel, out var model) == true && model is EmbeddingModel { Generator: not null } bound
            ? (texts, ct) => sentences is null ? ChunkEmbedder.EmbedTextsAsync(bound, texts, ct) : sentences.EmbedAsync(bound, texts, ct)
            : (EmbedTexts?)null;
        var (text, cited) = await ExtractiveAnswer.ComposeAsync(question, passages, embed, cancellationToken);
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

    /// <summary>
    /// The visitor's question; a follow-up ("and how long does it last?") is read together with the question
    /// before it, as retrieval reads it, so the sentences chosen are about the thing being discussed.
    /// </summary>
    private static string QuestionOf(IList<ChatMessage> conversation)
    {
        var asked = conversation.Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList();
        if (asked.Count == 0)
            return "";
        var question = asked[^1];
        return asked.Count > 1 && KnowledgeRetriever.IsFollowUp(question, QueryTerms.Extract(question).Count)
            ? $"{asked[^2]}\n{question}"
            : question;
    }

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
