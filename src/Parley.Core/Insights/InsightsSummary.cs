namespace Parley.Core.Insights;

/// <summary>
/// A bot's visitor questions of a range as the store counts them: the counts of each UTC day that had any, the groups
/// asked most, the groups' questions not answered well, and the few question texts insights show.
/// </summary>
/// <param name="Days">Days with a visitor conversation started or a question asked, in no particular order.</param>
/// <param name="TopGroups">The groups asked most, most first (ties: the group asked last first).</param>
/// <param name="Unanswered">Each group's questions not answered well for one reason, the newest such question first.</param>
/// <param name="Shown">Each group of <paramref name="TopGroups"/> or <paramref name="Unanswered"/>, by group key: its leader's text and its newest questions.</param>
public sealed record InsightsSummary(
    IReadOnlyList<DayActivity> Days,
    IReadOnlyList<GroupActivity> TopGroups,
    IReadOnlyList<UnansweredGroup> Unanswered,
    IReadOnlyDictionary<string, ShownGroup> Shown)
{
    private static readonly int Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The summary from the rows of a store's statement, which may come in any order.</summary>
    public static InsightsSummary From(IEnumerable<InsightsSummaryRow> rows)
    {
        var days = new Dictionary<long, DayActivity>();
        var top = new List<(long Position, GroupActivity Group)>();
        var unanswered = new List<(long Position, UnansweredGroup Row)>();
        var newest = new Dictionary<string, List<(long Rank, string Text)>>(StringComparer.Ordinal);
        var leaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case "day":
                    days[row.Day] = Day(days, row.Day) with
                    {
                        Questions = (int)row.N, Answered = (int)row.Answered, Unanswered = (int)row.Unanswered,
                        ThumbsUp = (int)row.ThumbsUp, ThumbsDown = (int)row.ThumbsDown, Credits = row.CreditsMilli / 1000m,
                    };
                    break;
                case "conversations":
                    days[row.Day] = Day(days, row.Day) with { Conversations = (int)row.N };
                    break;
                case "top":
                    top.Add((row.Position, new GroupActivity(row.GroupKey!, row.Grouped != 0, (int)row.N, (int)row.Answered)));
                    break;
                case "unanswered":
                    unanswered.Add((row.Position, new UnansweredGroup(
                        row.GroupKey!, row.Grouped != 0, row.Reason!, (int)row.N, row.MessageId!, row.ConversationId!,
                        DateTimeOffset.FromUnixTimeMilliseconds(row.AskedAt), row.SourceId)));
                    break;
                case "newest":
                    if (!newest.TryGetValue(row.GroupKey!, out var texts))
                        newest[row.GroupKey!] = texts = [];
                    texts.Add((row.Position, row.Text!));
                    break;
                case "leader":
                    leaders[row.GroupKey!] = row.Text!;
                    break;
            }
        }

        var shown = top.Select(t => t.Group.GroupKey).Concat(unanswered.Select(u => u.Row.GroupKey)).Distinct(StringComparer.Ordinal)
            .ToDictionary(
                key => key,
                key => new ShownGroup(
                    leaders.GetValueOrDefault(key),
                    newest.TryGetValue(key, out var texts) ? texts.OrderBy(t => t.Rank).Select(t => t.Text).ToList() : []),
                StringComparer.Ordinal);
        return new InsightsSummary(
            days.Values.ToList(),
            top.OrderBy(t => t.Position).Select(t => t.Group).ToList(),
            unanswered.OrderBy(u => u.Position).Select(u => u.Row).ToList(),
            shown);
    }

    /// <summary>The UTC date of a day counted since the Unix epoch (Unix milliseconds divided by a day's).</summary>
    public static DateOnly DayOf(long day) => DateOnly.FromDayNumber(Epoch + (int)day);

    private static DayActivity Day(Dictionary<long, DayActivity> days, long day) =>
        days.GetValueOrDefault(day) ?? new DayActivity(DayOf(day), 0, 0, 0, 0, 0, 0, 0);
}
