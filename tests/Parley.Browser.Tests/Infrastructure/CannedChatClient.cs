using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Browser.Tests.Infrastructure;

/// <summary>
/// A model that always answers <see cref="Answer"/>, streamed a few characters at a time at a set pace,
/// so a test decides exactly what a model says (markup included) and can watch it arrive.
/// </summary>
public sealed class CannedChatClient(string answer) : IChatClient
{
    public string Answer { get; } = answer;

    public int PieceLength { get; init; } = 6;

    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the model "thinks" before its first piece, so a test can see what a page shows meanwhile.</summary>
    public TimeSpan FirstPieceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Throws, as an unreachable provider would, after this many pieces; never when null.</summary>
    public int? FailAfterPieces { get; init; }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(FirstPieceDelay, cancellationToken);
        for (var i = 0; i < Answer.Length; i += PieceLength)
        {
            if (FailAfterPieces is { } failAfter && i / PieceLength >= failAfter)
                throw new HttpRequestException("The model provider is down.");
            await Task.Delay(Pace, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, Answer.Substring(i, Math.Min(PieceLength, Answer.Length - i)));
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
