using Parley.Core.Knowledge;

namespace Parley.Server.Chat.SavedAnswers;

/// <summary>The saved answer a visitor's question gets, and how close the question came to the saved one (0..1).</summary>
public sealed record SavedAnswerMatch(SavedQuestion Saved, double Closeness);
