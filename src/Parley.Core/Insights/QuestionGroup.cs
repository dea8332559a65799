namespace Parley.Core.Insights;

/// <summary>
/// A group of visitor questions that mean the same, led by the first question put in it: its embedding by the bot's
/// model, or its stemmed words when the bot has none.
/// </summary>
public sealed record QuestionGroup(string Id, string LeaderId, float[]? Embedding, IReadOnlyList<string>? Terms);
