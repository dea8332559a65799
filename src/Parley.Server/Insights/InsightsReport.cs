using Parley.Core.Bots;
using Parley.Core.Insights;

namespace Parley.Server.Insights;

/// <summary>
/// A bot's insights from what is stored: the questions of the range with their outcomes, votes and groups are read in
/// one pass and counted here; only the few texts shown (groups' first questions, examples, the newest unanswered) are
/// read after. Nothing is embedded or clustered: questions are put in groups when they are stored.
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
        var questions = await store.ListQuestionsAsync(bot.Id, range.Start, range.End, withText: false, ct);
        var starts = await store.ListConversationStartsAsync(bot.Id, range.Start, range.End, ct);

        var total = new DayTally();
        var days = range.Days.ToDictionary(d => d, _ => new DayTally());
        foreach (var start in starts)
        {
            total.Conversations++;
            if (days.TryGetValue(DateOnly.FromDateTime(start.UtcDateTime), out var day))
                day.Conversations++;
        }

        foreach (var question in questions)
        {
            total.Add(question);
            if (days.TryGetValue(DateOnly.FromDateTime(question.AskedAt.UtcDateTime), out var day))
                day.Add(question);
        }

        // Newest first within each group, so a group's first element is its newest question.
        var groups = questions.OrderByDescending(q => q.AskedAt).ThenByDescending(q => q.MessageId, StringComparer.Ordinal)
            .GroupBy(GroupOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var top = groups.OrderByDescending(g => g.Value.Count).ThenByDescending(g => g.Value[0].AskedAt).Take(MaxTopQuestions).ToList();
        var unanswered = groups.SelectMany(g => g.Value.Where(q => UnansweredReason.Of(q) is not null)
                .GroupBy(q => UnansweredReason.Of(q)!, StringComparer.Ordinal)
                .Select(r => (Group: g.Key, Reason: r.Key, Count: r.Count(), Newest: r.First())))
            .OrderByDescending(u => u.Newest.AskedAt).ThenBy(u => u.Group, StringComparer.Ordinal)
            .Take(MaxUnanswered)
            .ToList();

        var shownGroups = top.Select(g => g.Key).Concat(unanswered.Select(u => u.Group)).Distinct(StringComparer.Ordinal).ToList();
        var leaders = await store.LeaderTextsAsync(shownGroups.Where(k => groups[k][0].GroupId is not null).ToList(), ct);
        var texts = await store.TextsAsync(
            top.SelectMany(g => g.Value.Take(ExampleCandidates).Select(q => q.MessageId))
                .Concat(shownGroups.Select(k => groups[k][0].MessageId))
                .Distinct(StringComparer.Ordinal).ToList(), ct);

        var redaction = new QuestionRedaction(bot);
        string Representative(string group) =>
            redaction.Apply(leaders.GetValueOrDefault(group) ?? texts.GetValueOrDefault(groups[group][0].MessageId) ?? "");

        return new InsightsResponse(
            bot.Id, range.From, range.To, total.ToTotals(),
            range.Days.Select(d => days[d].ToDay(d)).ToList(),
            top.Select(g => new TopQuestion(
                    g.Key,
                    Representative(g.Key),
                    g.Value.Count,
                    Math.Round((double)g.Value.Count(UnansweredReason.Answered) / g.Value.Count, 2),
                    g.Value.Take(ExampleCandidates)
                        .Select(q => texts.GetValueOrDefault(q.MessageId))
                        .OfType<string>()
                        .Select(redaction.Apply)
                        .Distinct(StringComparer.Ordinal)
                        .Take(MaxExamples)
                        .ToList()))
                .ToList(),
            unanswered.Select(u => new UnansweredQuestion(
                    u.Group, Representative(u.Group), u.Count, u.Reason, u.Newest.ConversationId, u.Newest.MessageId, u.Newest.AskedAt.UtcDateTime))
                .ToList());
    }

    /// <summary>A question's group; one not grouped yet (it was asked a moment ago) stands alone, under its own id.</summary>
    internal static string GroupOf(AskedQuestion question) => question.GroupId ?? question.MessageId;
}
