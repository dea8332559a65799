namespace Parley.Server.Chat.Generation;

/// <summary>
/// Names of the side channels between the pipeline and a generator. The retrieved passages travel
/// rendered in the system prompt, for a language model, and as objects in that message's
/// AdditionalProperties, for the extractive generator; model providers do not send those properties.
/// </summary>
public static class PromptKeys
{
    /// <summary>On the system message: the <c>IReadOnlyList&lt;Passage&gt;</c> the prompt was built from.</summary>
    public const string Passages = "parley.passages";

    /// <summary>On the system message: the <c>MeaningBar</c> of the bot's embedding model, for the extractive generator.</summary>
    public const string MeaningBar = "parley.meaning_bar";

    /// <summary>On the system message: the earlier question this one follows up, when retrieval read it as a follow-up.</summary>
    public const string EarlierQuestion = "parley.earlier_question";

    /// <summary>On the system message: the names (stems, <c>IReadOnlyList&lt;string&gt;</c>) the question asks about that the bot's knowledge never mentions.</summary>
    public const string UnknownNames = "parley.unknown_names";

    /// <summary>On the last streamed update: the numbers (<c>int[]</c>) of the passages the answer used.</summary>
    public const string CitedPassages = "parley.cited_passages";
}
