namespace Parley.Core.Conversations;

/// <summary>A visitor's exchange with one bot, bound to the session that started it.</summary>
public sealed record Conversation(
    string Id,
    string BotId,
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The longest title kept: enough to recognise a question in a list.</summary>
    public const int MaxTitleLength = 80;

    public ConversationChannel Channel { get; init; } = ConversationChannel.Public;

    /// <summary>The first question, on one line and cut to <see cref="MaxTitleLength"/> characters.</summary>
    public string Title { get; init; } = "";

    /// <summary>
    /// A question as a conversation's title: its whitespace runs made single spaces, and, when too long, cut at a
    /// word break (or mid-word for a very long word) and ended with an ellipsis.
    /// </summary>
    public static string TitleOf(string question)
    {
        var words = string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (words.Length <= MaxTitleLength)
            return words;
        var cut = words.LastIndexOf(' ', MaxTitleLength - 1);
        if (cut < MaxTitleLength / 2)
            cut = MaxTitleLength - 1;
        if (char.IsLowSurrogate(words[cut]))
            cut--;
        return words[..cut].TrimEnd() + "…";
    }
}
