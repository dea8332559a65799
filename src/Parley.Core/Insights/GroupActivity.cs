namespace Parley.Core.Insights;

/// <summary>
/// A group of questions in a range: its key (the group's id, or for a question not grouped yet, the question's own
/// message id), how many of its questions were asked and how many answered (answered and not voted down).
/// </summary>
public sealed record GroupActivity(string GroupKey, bool Grouped, int Count, int Answered);
