using Parley.Core.Bots;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// What a filter may judge an answer by: the bot's settings, the question, the passages the answer was given, and
/// whether the answer only quotes them (the extractive generator's do, its "I don't know" included).
/// </summary>
public sealed record FilterContext(Bot Bot, string Question, IReadOnlyList<Passage> Passages, bool Quoted = false);
