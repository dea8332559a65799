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
    bool FromWebSearch = false);
