using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// What looking for a saved answer found: the match, if any, and the visitor's question as embedded for the lookup,
/// which retrieval reuses when there is no match.
/// </summary>
public sealed record SavedAnswerLookup(SavedAnswerMatch? Match, EmbeddedQuestion? Asked)
{
    public static SavedAnswerLookup None { get; } = new(null, null);
}
