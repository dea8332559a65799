namespace Parley.Core.Insights;

/// <summary>A question put in a group.</summary>
public sealed record QuestionMember(string MessageId, string GroupId);
