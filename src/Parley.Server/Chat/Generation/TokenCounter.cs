using Microsoft.ML.Tokenizers;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Counts tokens the way current OpenAI models do (o200k_base). Other models split text a little differently,
/// so for them the count is a close estimate; prompts keep a margin for that (see <see cref="PromptBudget"/>).
/// </summary>
public static class TokenCounter
{
    // Chat formats wrap each message in a few tokens of role markers.
    private const int PerMessage = 4;

    private static readonly Lazy<TiktokenTokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    public static int CountMessage(string text) => Count(text) + PerMessage;
}
