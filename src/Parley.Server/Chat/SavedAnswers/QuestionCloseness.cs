using System.Numerics.Tensors;
using Parley.Core.Knowledge;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>How close a visitor's question is to a saved question, 0..1, by meaning or, without embeddings, by words.</summary>
public static class QuestionCloseness
{
    /// <summary>The cosine of the two questions' vectors, both embedded as search queries by the same model.</summary>
    public static double ByMeaning(ReadOnlySpan<float> asked, ReadOnlySpan<float> saved) =>
        asked.Length == saved.Length && asked.Length > 0 ? TensorPrimitives.CosineSimilarity(asked, saved) : 0;

    /// <summary>
    /// The share of the two questions' stemmed words they have in common (Jaccard): 1 when they ask with the same words
    /// in any order, lower for every word only one of them has. "Can I return a sale item?" and "Can I return a gift?"
    /// share one of four.
    /// </summary>
    public static double ByWords(string asked, string saved)
    {
        var a = Stems(asked);
        var b = Stems(saved);
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static HashSet<string> Stems(string text) =>
        QueryTerms.Extract(text).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
}
