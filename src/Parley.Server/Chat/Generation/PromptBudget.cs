using Parley.Server.Chat.Providers;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// How many tokens a prompt may take: the model's context less the answer's own allowance and a margin for
/// tokenizers that count differently from <see cref="TokenCounter"/>.
/// </summary>
public sealed record PromptBudget(int ContextTokens, int AnswerTokens)
{
    /// <summary>Tokens the prompt itself may use; never below a floor that still fits a question.</summary>
    public int PromptTokens => Math.Max(256, (int)((ContextTokens - AnswerTokens) * 0.9));

    public static PromptBudget For(ModelChoice choice) => new(choice.ContextTokens, choice.MaxTokens);
}
