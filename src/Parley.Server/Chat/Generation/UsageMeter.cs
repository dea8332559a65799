using Microsoft.Extensions.AI;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Tokens a turn's model calls read and wrote: as the provider reported them, or counted with
/// <see cref="TokenCounter"/> for a call whose provider reported none (or that ended before it could).
/// </summary>
public sealed class UsageMeter
{
    public int InputTokens { get; private set; }

    public int OutputTokens { get; private set; }

    public void Add(UsageDetails? reported, int estimatedInput, int estimatedOutput)
    {
        InputTokens += reported?.InputTokenCount is > 0 and var input ? (int)input : estimatedInput;
        OutputTokens += reported?.OutputTokenCount is > 0 and var output ? (int)output : estimatedOutput;
    }
}
