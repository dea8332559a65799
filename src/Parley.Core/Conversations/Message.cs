namespace Parley.Core.Conversations;

public sealed record Message(
    string Id,
    string ConversationId,
    MessageRole Role,
    string Content,
    IReadOnlyList<Citation> Citations,
    bool Interrupted,
    DateTimeOffset CreatedAt)
{
    /// <summary>What producing this message consumed; null for a visitor's message or when not read back.</summary>
    public TurnUsage? Usage { get; init; }

    /// <summary>Why an answer failed (it is then also <see cref="Interrupted"/>); null for every other message.</summary>
    public AnswerFailure? Failure { get; init; }

    /// <summary>How an answer went (see <see cref="MessageOutcome"/>); null for a visitor's message and for answers stored before outcomes were.</summary>
    public string? Outcome { get; init; }

    /// <summary>The Q&amp;A source whose answer this message gives verbatim (a saved answer); null for every other message.</summary>
    public string? SavedAnswerSourceId { get; init; }
}
