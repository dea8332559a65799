using System.Numerics.Tensors;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>
/// How close a visitor's question is to a saved question, 0..1, the scale of a bot's <c>qa_match_threshold</c>: their
/// meaning on the bot's embedding model, read on the model's own scale, weighed by how their content words agree
/// (<see cref="QuestionWords"/>). Measured with <c>Parley.Bench qa-threshold</c> (bench/README.md): at
/// <see cref="DefaultThreshold"/> a question in the saved question's own words needs only to mean about the same, one
/// that adds or leaves out words about the model's same-question closeness, and one that replaces a word more than
/// that, which no measured near-miss reached.
/// </summary>
public static class QuestionCloseness
{
    /// <summary>The bar of a bot without its own <c>qa_match_threshold</c>, where no measured near-miss matched.</summary>
    public const double DefaultThreshold = 0.90;

    // How much the words' agreement moves the meaning, so that at the default a question in the saved question's own
    // words needs a meaning of 0.5 (only word order could make two questions with the same words mean different things),
    // one that leaves words out or adds some 0.95, one that replaces a word 1.1: above the model's same-question level,
    // where the measured near-miss that came closest ("Is the restaurant open on Saturday?" for "…on Sunday?",
    // 1.04 on MiniLM) falls short.
    private const double SameWordsLift = 0.40;
    private const double FewerOrMoreWordsDrop = 0.05;
    private const double ReplacedWordDrop = 0.20;

    // Without embeddings, a replaced word costs this much of the share of words in common.
    private const double ReplacedWordDropByWords = 0.5;

    /// <summary>The cosine of the two questions' vectors, both embedded as search queries by the same model.</summary>
    public static double Cosine(ReadOnlySpan<float> asked, ReadOnlySpan<float> saved) =>
        asked.Length == saved.Length && asked.Length > 0 ? TensorPrimitives.CosineSimilarity(asked, saved) : 0;

    /// <summary>
    /// A cosine read on the model's scale: 0 where unrelated questions lie, 1 at its measured same-question level
    /// (<see cref="SimilarityScale.SameQuestion"/>), more above it. Models spread cosine differently (arctic-xs puts
    /// unrelated questions near 0.45, MiniLM near 0.1); this puts both on one scale.
    /// </summary>
    public static double Meaning(double cosine, SimilarityScale scale) =>
        Math.Max(0, (cosine - scale.Unrelated) / (scale.SameQuestion - scale.Unrelated));

    /// <summary>By meaning and words: <paramref name="meaning"/> as <see cref="Meaning"/> gives it, weighed by the words' agreement.</summary>
    public static double Of(double meaning, WordAgreement words) => Math.Clamp(words.Overlap switch
    {
        WordOverlap.Same => meaning + SameWordsLift,
        WordOverlap.Replaced => meaning - ReplacedWordDrop,
        _ => meaning - FewerOrMoreWordsDrop,
    }, 0, 1);

    /// <summary>
    /// By words alone (no embedding model): 1 for the same words in any order, else the share of words in common, less
    /// for a replaced word; at <see cref="DefaultThreshold"/> only the saved question's own words match.
    /// </summary>
    public static double ByWords(WordAgreement words) => words.Overlap switch
    {
        WordOverlap.Same => 1,
        WordOverlap.Replaced => Math.Max(0, words.Shared - ReplacedWordDropByWords),
        _ => words.Shared,
    };
}
