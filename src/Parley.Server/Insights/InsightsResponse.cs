namespace Parley.Server.Insights;

/// <summary>A bot's insights over a range of UTC days (the wire shape of <c>GET /v1/bots/{id}/insights</c>).</summary>
public sealed record InsightsResponse(
    string BotId,
    DateOnly From,
    DateOnly To,
    InsightsCounts Totals,
    IReadOnlyList<DayCounts> PerDay,
    IReadOnlyList<TopQuestion> TopQuestions,
    IReadOnlyList<UnansweredQuestion> Unanswered);

/// <summary>What visitors did over the range.</summary>
public sealed record InsightsCounts(
    int Conversations, int VisitorMessages, int Answered, int Unanswered, int ThumbsUp, int ThumbsDown, decimal CreditsSpent);

/// <summary>What visitors did on one UTC day.</summary>
public sealed record DayCounts(
    DateOnly Date, int Conversations, int VisitorMessages, int Answered, int Unanswered, int ThumbsUp, int ThumbsDown, decimal CreditsSpent);

/// <summary>A group of questions that mean the same: its first question, how often it was asked and answered, and up to five wordings as asked.</summary>
public sealed record TopQuestion(string GroupId, string Question, int Count, double AnsweredShare, IReadOnlyList<string> Examples);

/// <summary>
/// A group's questions the bot did not answer well for one reason, with the newest of them; <see cref="AnswerSaved"/>
/// once the owner wrote the answer (the Q&amp;A source <see cref="AnswerSourceId"/>) and no question of the group went
/// unanswered since.
/// </summary>
public sealed record UnansweredQuestion(
    string GroupId, string Question, int Count, string Reason, string ConversationId, string MessageId, DateTime AskedAt,
    bool AnswerSaved, string? AnswerSourceId);
