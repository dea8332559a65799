using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Parley.Server.Chat.Providers;

/// <summary>
/// Retries a provider call that fails transiently (see <see cref="TransientFailure"/>) while nothing of the
/// answer has been received: a stream is retried until its first text arrives (updates before it, such as a
/// message-start event, are held until then), never after, because the visitor has already seen that text. A <c>Retry-After</c> is honoured up to a cap; a provider that asks for a
/// longer wait fails the turn at once. The SDKs' own retries are switched off so this is the only policy.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, ModelOptions options, TimeProvider time, ILogger log)
    : DelegatingChatClient(inner)
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetries),
            Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            ShouldHandle = args => ValueTask.FromResult(
                options.MaxRetries > 0 &&
                args.Outcome.Exception is { } e and not OperationCanceledException &&
                args.Context.Properties.GetValue(Seen, null) is var seen &&
                TransientFailure.Is(e, seen) &&
                (seen?.RetryAfter ?? TimeSpan.Zero) <= TimeSpan.FromSeconds(options.MaxRetryAfterSeconds)),
            DelayGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(Seen, null)?.RetryAfter),
            OnRetry = args =>
            {
                log.LogWarning(
                    "The model provider failed ({Failure}, status {Status}); retry {Attempt} in {Delay} ms.",
                    args.Outcome.Exception?.GetType().Name, args.Context.Properties.GetValue(Seen, null)?.Status,
                    args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private static readonly ResiliencePropertyKey<ProviderResponse?> Seen = new("parley.provider_response");

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    ctx.Properties.Set(Seen, ProviderResponse.Track());
                    return await state.Inner.GetResponseAsync(state.messages, state.options, ctx.CancellationToken);
                },
                context,
                (Inner: InnerClient, messages, options));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (updates, opening) = await StartAsync(messages, options, cancellationToken);
        try
        {
            foreach (var update in opening)
                yield return update;
            while (await updates.MoveNextAsync())
                yield return updates.Current;
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }

    /// <summary>
    /// Opens the stream and reads it up to its first text (or its end), retrying the whole call until that comes;
    /// returns the updates read so far and the stream positioned after them.
    /// </summary>
    private async Task<(IAsyncEnumerator<ChatResponseUpdate> Updates, List<ChatResponseUpdate> Opening)> StartAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    ctx.Properties.Set(Seen, ProviderResponse.Track());
                    var updates = state.Inner.GetStreamingResponseAsync(state.messages, state.options, ctx.CancellationToken)
                        .GetAsyncEnumerator(ctx.CancellationToken);
                    try
                    {
                        var opening = new List<ChatResponseUpdate>();
                        while (await updates.MoveNextAsync())
                        {
                            opening.Add(updates.Current);
                            if (updates.Current.Text.Length > 0)
                                break;
                        }

                        return (updates, opening);
                    }
                    catch
                    {
                        await updates.DisposeAsync();
                        throw;
                    }
                },
                context,
                (Inner: InnerClient, messages, options));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
