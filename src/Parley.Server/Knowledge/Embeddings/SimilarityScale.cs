namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// How one embedding model spreads cosine similarity, which differs from model to model: the levels every similarity bar
/// of Parley is set from, measured per model (<c>Parley.Bench calibrate</c>, numbers in bench/README.md).
/// </summary>
/// <param name="Unrelated">A question against a passage about something else scores about this (question embedded as a query).</param>
/// <param name="Answering">A question against the passage that answers it scores about this, or more.</param>
/// <param name="OnTopic">From this cosine a sentence is about a topic named in a few words (both embedded as documents).</param>
/// <param name="SameMeaning">From this cosine two sentences say the same thing (both embedded as documents).</param>
public sealed record SimilarityScale(double Unrelated, double Answering, double OnTopic, double SameMeaning)
{
    /// <summary>
    /// all-MiniLM-L6-v2's levels, which Parley's bars were first set on. A remote model keeps them too: OpenAI's
    /// text-embedding-3 models and the usual mean-pooled open models spread cosine much as MiniLM does (unrelated text
    /// near 0.1), and a model that does not can only be calibrated by measuring it, which Parley cannot do for a model
    /// it does not know (<c>Parley:Filters:TopicSimilarity</c> overrides the topic bar).
    /// </summary>
    public static SimilarityScale MiniLm { get; } = new(Unrelated: 0.1, Answering: 0.6, OnTopic: 0.25, SameMeaning: 0.8);

    /// <summary>0..1: where a question–passage cosine stands between <see cref="Unrelated"/> (0) and <see cref="Answering"/> (1).</summary>
    public double Relevance(double cosine) => Math.Clamp((cosine - Unrelated) / (Answering - Unrelated), 0, 1);

    /// <summary>
    /// The "I don't know" bar for one sentence against the question: halfway from unrelated to answering
    /// (<see cref="Relevance"/> 0.5; MiniLM's 0.35).
    /// </summary>
    public double AnswersFrom => Unrelated + (0.5 * (Answering - Unrelated));

    /// <summary>
    /// From this cosine two questions (both embedded as queries) read as the same question: the 1 of the saved-answer
    /// matcher's meaning scale (its 0 is <see cref="Unrelated"/>), which words then raise or lower before
    /// <c>qa_match_threshold</c> decides (<c>Parley.Bench qa-threshold</c>, bench/README.md).
    /// </summary>
    public double SameQuestion { get; init; } = 0.90;
}
