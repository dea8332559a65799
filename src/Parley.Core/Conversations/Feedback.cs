namespace Parley.Core.Conversations;

/// <summary>A visitor's thumbs up or down on one answer; a later vote on the same answer replaces it.</summary>
public sealed record Feedback(string MessageId, string ConversationId, string BotId, FeedbackRating Rating, DateTimeOffset CreatedAt);

public enum FeedbackRating
{
    Down = -1,
    Up = 1,
}
