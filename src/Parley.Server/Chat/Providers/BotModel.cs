using Microsoft.Extensions.AI;

namespace Parley.Server.Chat.Providers;

/// <summary>A bot's chat client and the settings it was made from (limits, temperature, context size).</summary>
public sealed record BotModel(IChatClient Client, ModelChoice Choice)
{
    /// <summary>The per-call options: how long and how random the answer may be.</summary>
    public ChatOptions AnswerOptions() => new()
    {
        MaxOutputTokens = Choice.MaxTokens,
        Temperature = Choice.Temperature,
    };
}
