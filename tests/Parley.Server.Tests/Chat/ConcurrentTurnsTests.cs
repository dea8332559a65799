using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>Two messages sent on one conversation at once are answered one after the other, never interleaved.</summary>
public class ConcurrentTurnsTests : ParleyTest
{
    private readonly RecordingGenerator _generator = new();

    protected override void Configure(ParleyApp app) => app.WithGenerator(_generator);

    [Fact]
    public async Task Two_messages_on_one_conversation_at_once_are_answered_in_turn_each_seeing_the_other()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var chat = App.PublicChat();
        var first = await chat.AskAsync(new ChatRequest(botId, "Opening question about returns", "visitor"));

        var answers = await Task.WhenAll(
            chat.AskAsync(new ChatRequest(botId, "Concurrent question alpha", "visitor", first.ConversationId)),
            chat.AskAsync(new ChatRequest(botId, "Concurrent question beta", "visitor", first.ConversationId)));

        Assert.All(answers, a => Assert.Equal(first.ConversationId, a.ConversationId));
        var calls = _generator.Calls.OrderBy(c => c.Started).ToList();
        Assert.Equal(3, calls.Count);
        var (earlier, later) = (calls[1], calls[2]);
        Assert.True(later.Started >= earlier.Ended, "the second concurrent turn started generating before the first had finished");

        // The later turn was answered knowing the earlier one, question and answer, as a sequential visitor's would be.
        var earlierQuestion = earlier.Prompt.Last(m => m.Role == ChatRole.User).Text;
        Assert.Contains(later.Prompt, m => m.Role == ChatRole.User && m.Text == earlierQuestion);
        Assert.Contains(later.Prompt, m => m.Role == ChatRole.Assistant && m.Text.Trim() == RecordingGenerator.Answer.Trim());

        var conversation = await Admin.GetAsync($"/v1/conversations/{first.ConversationId}");
        var roles = conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["user", "assistant", "user", "assistant", "user", "assistant"], roles);
    }

    [Fact]
    public async Task Different_conversations_are_not_held_up_by_each_other()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();

        await Task.WhenAll(
            App.PublicChat().AskAsync(new ChatRequest(botId, "First visitor asks", "visitor-a")),
            App.PublicChat().AskAsync(new ChatRequest(botId, "Second visitor asks", "visitor-b")));

        var calls = _generator.Calls.OrderBy(c => c.Started).ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].Started < calls[0].Ended, "turns of two different conversations ran one after the other");
    }

    /// <summary>A slow generator that records each prompt it is given and when it ran.</summary>
    private sealed class RecordingGenerator : IChatClient
    {
        public const string Answer = "one two three four five six seven eight ";

        public ConcurrentBag<Call> Calls { get; } = [];

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var started = DateTime.UtcNow;
            foreach (var word in Answer.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                await Task.Delay(60, cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
            }

            Calls.Add(new Call(messages.ToList(), started, DateTime.UtcNow));
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed record Call(List<ChatMessage> Prompt, DateTime Started, DateTime Ended);
}
