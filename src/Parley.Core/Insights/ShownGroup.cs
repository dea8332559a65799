namespace Parley.Core.Insights;

/// <summary>
/// The texts insights show of a group: its first question (its leader; null when not grouped or since deleted) and
/// the group's newest questions of the range as asked, newest first.
/// </summary>
public sealed record ShownGroup(string? LeaderText, IReadOnlyList<string> NewestTexts);
