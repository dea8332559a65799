namespace Parley.Core.Knowledge;

/// <summary>
/// A Q&amp;A source read as a saved answer: its question, its answer, its link, and the question's embedding as last
/// stored, with the model that made it and the question text it was made from (either may be out of date).
/// </summary>
public sealed record SavedQuestion(
    string SourceId, string Question, string Answer, string? Url, float[]? Embedding, string? EmbeddingModel, string? EmbeddedQuestion)
{
    /// <summary>Whether the stored embedding is of this question by <paramref name="model"/>.</summary>
    public bool EmbeddedBy(string model) => Embedding is not null && EmbeddingModel == model && EmbeddedQuestion == Question;
}
