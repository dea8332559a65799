namespace Parley.Server.Knowledge;

/// <summary>
/// A conversation turn's passages; the earlier question they were found with when the turn is its follow-up; and the
/// names the question asks about (see <see cref="QuestionNames"/>) that the bot's knowledge never mentions.
/// </summary>
public sealed record TurnRetrieval(IReadOnlyList<Passage> Passages, string? Earlier, IReadOnlyList<string>? UnknownNames = null);
