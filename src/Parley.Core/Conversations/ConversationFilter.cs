namespace Parley.Core.Conversations;

/// <summary>Which of a bot's conversations a list holds: those of some channels, and those with a given vote.</summary>
/// <param name="Channels">The channels to keep; null keeps every channel.</param>
/// <param name="Feedback">Keeps only conversations with at least one answer voted this way; null keeps all.</param>
public sealed record ConversationFilter(IReadOnlyCollection<ConversationChannel>? Channels = null, FeedbackRating? Feedback = null)
{
    public static readonly ConversationFilter All = new();
}
