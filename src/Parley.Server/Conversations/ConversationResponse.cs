using System.Text.Json.Serialization;
using Parley.Core.Conversations;
using Parley.Server.Chat.Failures;
using Parley.Server.Chat.SavedAnswers;

namespace Parley.Server.Conversations;

public sealed record ConversationResponse(
    string Id,
    string BotId,
    string SessionId,
    ConversationChannel Channel,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    FeedbackSummary Feedback,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MessageResponse>? Messages)
{
    /// <param name="c">The conversation.</param>
    /// <param name="votes">Visitors' votes on its answers.</param>
    /// <param name="messages">Its messages, for a response that shows them.</param>
    /// <param name="admin">Whether the reader holds the admin key, which is told more about failures of the server's own model.</param>
    public static ConversationResponse From(Conversation c, IReadOnlyList<Feedback> votes, IReadOnlyList<Message>? messages = null, bool admin = false) =>
        new(c.Id, c.BotId, c.SessionId, c.Channel, c.Title, c.CreatedAt, c.UpdatedAt, FeedbackSummary.Of(votes),
            messages?.Select(m => MessageResponse.From(m, votes.FirstOrDefault(v => v.MessageId == m.Id), admin)).ToList());
}

/// <summary>How many answers of a conversation visitors voted up and down.</summary>
public sealed record FeedbackSummary(int Up, int Down)
{
    public static FeedbackSummary Of(IEnumerable<Feedback> votes) =>
        votes.Aggregate(new FeedbackSummary(0, 0), (sum, v) => v.Rating == FeedbackRating.Up ? sum with { Up = sum.Up + 1 } : sum with { Down = sum.Down + 1 });
}

public sealed record MessageResponse(
    string Id,
    string Role,
    string Content,
    IReadOnlyList<Citation> Citations,
    bool Interrupted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsageResponse? Usage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Feedback,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureResponse? Failure,
    DateTimeOffset CreatedAt)
{
    /// <summary>How an answer went (see <see cref="MessageOutcome"/>); absent on a visitor's message.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Outcome { get; init; }

    /// <summary>The Q&amp;A source a saved answer was given from; null for every other message.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SavedAnswerResponse? SavedAnswer { get; init; }

    public static MessageResponse From(Message m, Feedback? vote = null, bool admin = false) =>
        new(m.Id, m.Role == MessageRole.User ? "user" : "assistant", m.Content, m.Citations, m.Interrupted,
            m.Usage is { } u ? new UsageResponse(u.InputTokens, u.OutputTokens, u.Credits) : null,
            vote is null ? null : vote.Rating == FeedbackRating.Up ? "up" : "down",
            m.Failure is { } f ? new FailureResponse(f.Reason, FailureDetail.For(f, admin)) : null,
            m.CreatedAt)
        {
            Outcome = m.Role == MessageRole.Assistant ? MessageOutcome.Of(m) : null,
            SavedAnswer = m.SavedAnswerSourceId is { } sourceId ? new SavedAnswerResponse(sourceId) : null,
        };
}

/// <summary>Which Q&amp;A source an answer was given from verbatim.</summary>
public sealed record SavedAnswerResponse(string SourceId);

/// <summary>What an answer consumed: the model's tokens read and written, and the credits charged for it.</summary>
public sealed record UsageResponse(int InputTokens, int OutputTokens, decimal Credits);
