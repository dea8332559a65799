namespace Parley.Client;

/// <summary>
/// A source that contributed to an answer.
/// </summary>
/// <param name="PageTitle">Title of the cited page or knowledge entry.</param>
/// <param name="SourceUrl">Address of the cited page, or <see langword="null"/> when the source has none.</param>
/// <param name="SourceId">Id of the bot's knowledge source the passage came from.</param>
/// <param name="Score">How relevant the passage was to the question, from 0 to 1.</param>
/// <param name="FromWebSearch"><see langword="true"/> when the passage came from a web search rather than the bot's own sources.</param>
public sealed record Citation(
    string PageTitle,
    string? SourceUrl,
    string SourceId,
    double Score,
    bool FromWebSearch);
