using Parley.Core.Knowledge;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Generation;

/// <summary>A sentence of a passage that could go into an answer, with what it shares with the question.</summary>
internal sealed class SentenceCandidate(Passage passage, int position, string text)
{
    public Passage Passage { get; } = passage;

    /// <summary>Its place among the passage's sentences, to keep reading order and find its neighbours.</summary>
    public int Position { get; } = position;

    public string Text { get; } = text;

    public HashSet<string> Stems { get; } = QueryTerms.Words(text).Where(w => !QueryTerms.IsStopWord(w)).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The content words of the section the sentence stands under (its heading and page title): "5 business days"
    /// answers "how long do refunds take?" because it stands under "How long refunds take".
    /// </summary>
    public HashSet<string> ContextStems { get; } = QueryTerms.Words($"{passage.PageTitle} {passage.Heading}")
        .Where(w => !QueryTerms.IsStopWord(w)).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);

    public int Words { get; } = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>0..1: the question's content words it contains, each weighted by how rare it is among the candidates.</summary>
    public double Overlap { get; set; }

    /// <summary>Cosine similarity of its embedding to the question's, when embeddings are on.</summary>
    public double? Similarity { get; set; }

    public float[]? Vector { get; set; }

    /// <summary>0..1: how well it answers the question, from <see cref="Overlap"/> and <see cref="Similarity"/>.</summary>
    public double Relevance { get; set; }

    /// <summary>How alike two candidates are, 0..1: by meaning when both have embeddings, else by shared content words.</summary>
    public double Likeness(SentenceCandidate other)
    {
        var words = SharedWords(other);
        return Vector is not null && other.Vector is not null ? Math.Max(words, Cosine(Vector, other.Vector)) : words;
    }

    /// <summary>
    /// Says the same thing in other words. Meaning shows a paraphrase well; words alone see it less clearly,
    /// so without embeddings a smaller share of shared words is enough to count as a repeat.
    /// </summary>
    public bool Repeats(SentenceCandidate other) =>
        Vector is not null && other.Vector is not null
            ? Likeness(other) >= 0.8
            : SharedWords(other) >= 0.6 && SharedWords(other, ofLonger: true) >= 0.5;

    /// <summary>The share of the shorter (or longer) sentence's content words that the other one also has.</summary>
    private double SharedWords(SentenceCandidate other, bool ofLonger = false) =>
        Stems.Count == 0 || other.Stems.Count == 0
            ? 0
            : (double)Stems.Count(other.Stems.Contains) / (ofLonger ? Math.Max(Stems.Count, other.Stems.Count) : Math.Min(Stems.Count, other.Stems.Count));

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, left = 0, right = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            dot += a[i] * b[i];
            left += a[i] * a[i];
            right += b[i] * b[i];
        }

        return left == 0 || right == 0 ? 0 : dot / Math.Sqrt(left * right);
    }
}
