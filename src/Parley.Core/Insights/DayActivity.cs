namespace Parley.Core.Insights;

/// <summary>What a bot's visitors did on one UTC day: conversations started, questions asked and how they went, credits spent.</summary>
public sealed record DayActivity(
    DateOnly Day, int Conversations, int Questions, int Answered, int Unanswered, int ThumbsUp, int ThumbsDown, decimal Credits);
