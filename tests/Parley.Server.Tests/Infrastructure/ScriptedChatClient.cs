using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A generator the test controls: streams <see cref="Words"/> pieces at a set pace, can fail on cue,
/// and records whether it ran to the end or was stopped early (cancelled, or abandoned by its reader),
/// so tests can see what happened upstream.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    public int Words { get; init; } = 200;

    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When set, the exact answer to stream, a word at a time, instead of numbered words.</summary>
    public string? Reply { get; init; }

    /// <summary>Throw after this many pieces (0 = before any), or never when null.</summary>
    public int? FailAfter { get; init; }

    public TaskCompletionSource StoppedEarly { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _produced;

    public int Produced => Volatile.Read(ref _produced);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            var pieces = Reply is null ? null : System.Text.RegularExpressions.Regex.Split(Reply, @"(?<= )");
            var count = pieces?.Length ?? Words;
            for (var i = 0; i < count; i++)
            {
                if (FailAfter == i)
                    throw new HttpRequestException("The model provider is down.");
                await Task.Delay(Pace, cancellationToken);
                Interlocked.Increment(ref _produced);
                yield return new ChatResponseUpdate(ChatRole.Assistant, pieces?[i] ?? $"word{i} ");
            }

            Finished.TrySetResult();
        }
        finally
        {
            if (!Finished.Task.IsCompleted)
                StoppedEarly.TrySetResult();
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
