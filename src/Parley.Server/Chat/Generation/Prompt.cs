using Microsoft.Extensions.AI;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// The messages sent to the generator, the passages that made it into them (the rest did not fit) and
/// the prompt's size by <see cref="TokenCounter"/>, for usage when a provider reports none.
/// </summary>
public sealed record Prompt(List<ChatMessage> Messages, IReadOnlyList<Passage> Passages, int Tokens);
