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

    /// <summary>Adds a call's usage; the estimates are computed only for what the provider did not report.</summary>
    public void Add(UsageDetails? reported, Func<int> estimatedInput, Func<int> estimatedOutput)
    {
        InputTokens += reported?.InputTokenCount is > 0 and var input ? (int)input : estimatedInput();
        OutputTokens += reported?.OutputTokenCount is > 0 and var output ? (int)output : estimatedOutput();
    }
}
