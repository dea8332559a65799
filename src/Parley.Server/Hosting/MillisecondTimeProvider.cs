namespace Parley.Server.Hosting;

/// <summary>
/// The clock, to the whole millisecond. Storage keeps timestamps in Unix milliseconds, so a finer "now"
/// would make the answer to a write (<c>created_at</c>, <c>updated_at</c>) differ from every later read.
/// </summary>
internal sealed class MillisecondTimeProvider(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => Truncate(inner.GetUtcNow());

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    public static DateTimeOffset Truncate(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMillisecond));
}
