using Microsoft.Extensions.AI;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>The messages sent to the generator and the passages that made it into them (the rest did not fit).</summary>
public sealed class Prompt(List<ChatMessage> messages, IReadOnlyList<Passage> passages)
{
    private int? _tokens;

    public List<ChatMessage> Messages { get; } = messages;

    public IReadOnlyList<Passage> Passages { get; } = passages;

    /// <summary>The prompt's size by <see cref="TokenCounter"/>, counted only when asked: for usage a provider did not report.</summary>
    public int Tokens => _tokens ??= Messages.Sum(m => TokenCounter.CountMessage(m.Text));
}
