namespace Parley.Core.Conversations;

/// <summary>
/// How an answer went, stored with each assistant message (<c>messages.outcome</c>) for the bot's insights and the
/// conversation log. Messages stored before outcomes were kept have none and are read by what is stored.
/// </summary>
public static class MessageOutcome
{
    /// <summary>The answer was given (a redacted answer too: it still answers).</summary>
    public const string Answered = "answered";

    /// <summary>
    /// The bot said its knowledge does not hold the answer: the offline generator's "I couldn't find" reply, a model's
    /// answer to a question for which retrieval found no passage, or the grounding filter's fallback wording.
    /// </summary>
    public const string NoKnowledge = "no_knowledge";

    /// <summary>The knowledge could not be searched and the bot is set to decline rather than answer without it.</summary>
    public const string Declined = "declined";

    /// <summary>A filter blocked the answer.</summary>
    public const string Filtered = "filtered";

    /// <summary>The generator failed.</summary>
    public const string Failed = "failed";

    /// <summary>The visitor went away before the answer ended.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A saved answer (a Q&amp;A source) was given verbatim; it counts as answered.</summary>
    public const string SavedAnswer = "saved_answer";

    /// <summary>The message's stored outcome, or for an older one, what its stored fields say.</summary>
    public static string Of(Message message) =>
        message.Outcome ?? (message.Failure is not null ? Failed : message.Interrupted ? Interrupted : Answered);

    /// <summary>Whether the outcome answered the question (a vote down aside).</summary>
    public static bool Answers(string outcome) => outcome is Answered or SavedAnswer;
}
