using Parley.Core.Bots;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Filters;

/// <summary>What a filter may judge an answer by: the bot's settings, the question, and the passages the answer was given.</summary>
public sealed record FilterContext(Bot Bot, string Question, IReadOnlyList<Passage> Passages);
