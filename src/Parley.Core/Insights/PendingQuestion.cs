namespace Parley.Core.Insights;

/// <summary>A visitor question not yet put in a group; <see cref="Seq"/> orders questions as they were stored.</summary>
public sealed record PendingQuestion(long Seq, string MessageId, string BotId, string Text);
