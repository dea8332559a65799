using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Bench.Hosting;

/// <summary>
/// A generator that costs nothing: it streams one fixed answer in a few pieces at once, so the benchmark
/// measures Parley's pipeline and not a model. It reports its token usage, as providers and the offline
/// generator do; without it Parley would count the prompt's tokens itself, a cost real turns do not pay.
/// </summary>
internal sealed class InstantChatClient : IChatClient
{
    public static readonly string[] Pieces =
    [
        "You can change this in the workspace settings: ",
        "open the page, pick the entry you want and save. ",
        "The change applies within a minute ",
        "and is recorded in the audit log [1].",
    ];

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(Pieces))));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var piece in Pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 900, OutputTokenCount = 40 })],
        };
        await Task.CompletedTask;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
