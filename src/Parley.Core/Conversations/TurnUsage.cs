namespace Parley.Core.Conversations;

/// <summary>What a turn consumed: tokens read and written by the generator, and the credits charged.</summary>
public sealed record TurnUsage(int InputTokens, int OutputTokens, decimal Credits);
