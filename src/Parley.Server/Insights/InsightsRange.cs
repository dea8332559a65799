using System.Globalization;
using Parley.Server.Api;

namespace Parley.Server.Insights;

/// <summary>The UTC days insights cover, both ends included: by default the last 30 days ending today.</summary>
public sealed record InsightsRange(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first moment after the range.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays);

    /// <summary>The range asked for, or the error naming the field that is wrong.</summary>
    public static (InsightsRange? Range, ApiError? Error) Parse(string? from, string? to, DateTimeOffset now)
    {
        DateOnly? start = null, end = null;
        if (!string.IsNullOrEmpty(from))
        {
            if (!TryDate(from, out var day))
                return (null, ApiError.Invalid("from", "'from' must be a date as YYYY-MM-DD."));
            start = day;
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (!TryDate(to, out var day))
                return (null, ApiError.Invalid("to", "'to' must be a date as YYYY-MM-DD."));
            end = day;
        }

        var last = end ?? DateOnly.FromDateTime(now.UtcDateTime);
        var first = start ?? last.AddDays(-(DefaultDays - 1));
        if (last < first)
            return (null, ApiError.Invalid(end is null ? "from" : "to", "'to' must not be before 'from' (and 'from' not after today when 'to' is left out)."));
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            return (null, ApiError.Invalid(start is null ? "to" : "from", $"A range covers at most {MaxDays} days."));
        return (new InsightsRange(first, last), null);
    }

    private static bool TryDate(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
