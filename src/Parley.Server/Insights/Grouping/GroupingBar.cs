using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Insights.Grouping;

/// <summary>
/// How close a question must be to a group's first question to join the group, on each model's own scale: cosine for
/// an embedding model, Jaccard of stemmed word sets without one. Measured on a fixed set of paraphrases and
/// different intents (<c>Parley.Bench grouping</c>; numbers in bench/README.md and docs/insights.md).
/// </summary>
public static class GroupingBar
{
    /// <summary>What groups made by words are stored under, in place of an embedding model's id.</summary>
    public const string Words = "words";

    public const double MiniLm = 0.5;
    public const double ArcticXs = 0.88;
    public const double ByWords = 0.15;

    /// <summary>
    /// The bar for a model by its id. A remote model keeps MiniLM's, as every other similarity bar of Parley does for a
    /// model it cannot measure (see <see cref="SimilarityScale.MiniLm"/>).
    /// </summary>
    public static double For(string model) => model switch
    {
        Words => ByWords,
        _ when model == LocalModel.ArcticXs.Id => ArcticXs,
        _ => MiniLm,
    };
}
