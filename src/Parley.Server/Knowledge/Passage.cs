using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge;

/// <summary>A retrieved chunk (or web search result) as the answer step sees it: numbered for citing, scored 0..1.</summary>
public sealed record Passage(
    int Number,
    string SourceId,
    SourceType SourceType,
    string PageTitle,
    string? Url,
    string? Heading,
    string Text,
    double Score,
    bool FromWebSearch = false)
{
    /// <summary>Cosine of the question to the passage by the bot's embedding model, when retrieval compared them by meaning.</summary>
    public double? Similarity { get; init; }

    /// <summary>When <see cref="Text"/> is a whole section read from several chunks, the chunk that matched the question.</summary>
    public string? Matched { get; init; }
}
