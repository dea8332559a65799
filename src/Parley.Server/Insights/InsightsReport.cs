using Parley.Core.Bots;
using Parley.Core.Insights;

namespace Parley.Server.Insights;

/// <summary>
/// A bot's insights from what is stored, counted by the database in one statement: per day, per group and per
/// unanswered reason, with only the rows and texts shown read back. Nothing is embedded or clustered here: questions
/// are put in groups when they are stored.
/// </summary>
public sealed class InsightsReport(IInsightsStore store)
{
    public const int MaxTopQuestions = 20;
    public const int MaxUnanswered = 50;
    public const int MaxExamples = 5;

    // Wordings read per top group to find five distinct ones as asked.
    private const int ExampleCandidates = 12;

    public async Task<InsightsResponse> BuildAsync(Bot bot, InsightsRange range, CancellationToken ct)
    {
        var summary = await store.SummarizeAsync(bot.Id, range.Start, range.End, MaxTopQuestions, MaxUnanswered, ExampleCandidates, ct);
        var days = summary.Days.ToDictionary(d => d.Day);
        var redaction = new QuestionRedaction(bot);
        string Representative(string group) =>
            summary.Shown.TryGetValue(group, out var shown) ? redaction.Apply(shown.LeaderText ?? (shown.NewestTexts.Count > 0 ? shown.NewestTexts[0] : "")) : "";

        return new InsightsResponse(
            bot.Id, range.From, range.To,
            new InsightsCounts(
                summary.Days.Sum(d => d.Conversations), summary.Days.Sum(d => d.Questions), summary.Days.Sum(d => d.Answered),
                summary.Days.Sum(d => d.Unanswered), summary.Days.Sum(d => d.ThumbsUp), summary.Days.Sum(d => d.ThumbsDown),
                summary.Days.Sum(d => d.Credits)),
            range.Days.Select(d => days.TryGetValue(d, out var day)
                    ? new DayCounts(d, day.Conversations, day.Questions, day.Answered, day.Unanswered, day.ThumbsUp, day.ThumbsDown, day.Credits)
                    : new DayCounts(d, 0, 0, 0, 0, 0, 0, 0))
                .ToList(),
            summary.TopGroups.Select(g => new TopQuestion(
                    g.GroupKey,
                    Representative(g.GroupKey),
                    g.Count,
                    Math.Round((double)g.Answered / g.Count, 2),
                    summary.Shown[g.GroupKey].NewestTexts.Select(redaction.Apply).Distinct(StringComparer.Ordinal).Take(MaxExamples).ToList()))
                .ToList(),
            summary.Unanswered.Select(u => new UnansweredQuestion(
                    u.GroupKey, Representative(u.GroupKey), u.Count, u.Reason, u.ConversationId, u.MessageId, u.AskedAt.UtcDateTime,
                    u.AnswerSourceId is not null, u.AnswerSourceId))
                .ToList());
    }
}
