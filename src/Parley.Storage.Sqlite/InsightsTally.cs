using Parley.Core.Insights;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Counts a range's questions as SQLite reads them, one narrow row each (<see cref="InsightsQueries.Tally"/>): per
/// day, per group and per group and reason, keeping each group's newest questions. SQLite's sorters and window
/// functions cost more than this single pass does (measured: about 0.6 s of CPU against 0.2 s for 50,000 questions), so
/// on SQLite the database joins and this counts; PostgreSQL counts in SQL.
/// </summary>
internal sealed class InsightsTally(int newestTexts)
{
    /// <summary>The reasons by the numbers the query gives them (0: none).</summary>
    public static readonly string[] Reasons = ["", "no_knowledge", "declined", "filtered", "failed", "thumbs_down"];

    private readonly Dictionary<long, DayActivity> _days = [];
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, int Reason), Unanswered> _unanswered = [];

    public IReadOnlyDictionary<long, DayActivity> Days => _days;

    public void Add(string id, long askedAt, string? groupId, int reason, bool answered, int rating, long creditsMilli)
    {
        var day = askedAt / 86_400_000;
        var counts = _days.GetValueOrDefault(day) ?? new DayActivity(InsightsSummary.DayOf(day), 0, 0, 0, 0, 0, 0, 0);
        _days[day] = counts with
        {
            Questions = counts.Questions + 1,
            Answered = counts.Answered + (answered ? 1 : 0),
            Unanswered = counts.Unanswered + (reason > 0 ? 1 : 0),
            ThumbsUp = counts.ThumbsUp + (rating == 1 ? 1 : 0),
            ThumbsDown = counts.ThumbsDown + (rating == -1 ? 1 : 0),
            Credits = counts.Credits + (creditsMilli / 1000m),
        };

        var key = groupId ?? id;
        if (!_groups.TryGetValue(key, out var group))
            _groups[key] = group = new Group(key, groupId is not null);
        group.Count++;
        group.Answered += answered ? 1 : 0;
        group.Offer(askedAt, id, newestTexts);

        if (reason == 0)
            return;
        if (!_unanswered.TryGetValue((key, reason), out var row))
            _unanswered[(key, reason)] = row = new Unanswered(key, group.Grouped, Reasons[reason]);
        row.Count++;
        if (Newer(askedAt, id, row.AskedAt, row.MessageId))
            (row.AskedAt, row.MessageId) = (askedAt, id);
    }

    /// <summary>The groups asked most, most first; ties: the group asked last first.</summary>
    public IReadOnlyList<Group> Top(int count) =>
        _groups.Values.OrderByDescending(g => g.Count).ThenByDescending(g => g.Newest[0], ByTime).Take(count).ToList();

    /// <summary>Each group's unanswered questions per reason, the newest first.</summary>
    public IReadOnlyList<Unanswered> NewestUnanswered(int count) =>
        _unanswered.Values.OrderByDescending(u => u.AskedAt).ThenBy(u => u.GroupKey, StringComparer.Ordinal)
            .ThenByDescending(u => u.MessageId, StringComparer.Ordinal).Take(count).ToList();

    public Group GroupOf(string key) => _groups[key];

    private static readonly Comparer<(long At, string Id)> ByTime = Comparer<(long At, string Id)>.Create(
        (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id));

    private static bool Newer(long at, string id, long thanAt, string? thanId) =>
        thanId is null || at > thanAt || (at == thanAt && string.CompareOrdinal(id, thanId) > 0);

    internal sealed class Group(string key, bool grouped)
    {
        public string Key { get; } = key;
        public bool Grouped { get; } = grouped;
        public int Count { get; set; }
        public int Answered { get; set; }

        /// <summary>The group's newest questions, newest first.</summary>
        public List<(long At, string Id)> Newest { get; } = [];

        public void Offer(long at, string id, int keep)
        {
            var i = Newest.Count;
            while (i > 0 && Newer(at, id, Newest[i - 1].At, Newest[i - 1].Id))
                i--;
            if (i >= keep)
                return;
            Newest.Insert(i, (at, id));
            if (Newest.Count > keep)
                Newest.RemoveAt(keep);
        }
    }

    internal sealed class Unanswered(string groupKey, bool grouped, string reason)
    {
        public string GroupKey { get; } = groupKey;
        public bool Grouped { get; } = grouped;
        public string Reason { get; } = reason;
        public int Count { get; set; }
        public long AskedAt { get; set; }
        public string? MessageId { get; set; }
    }
}
