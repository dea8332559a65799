namespace Parley.Core.Insights;

/// <summary>
/// A row of the one statement each store reads an <see cref="InsightsSummary"/> with (times in Unix milliseconds,
/// days since the Unix epoch, credits in thousandths): its <see cref="Kind"/> says which columns hold what.
/// </summary>
public sealed class InsightsSummaryRow
{
    public string Kind { get; set; } = "";
    public long Day { get; set; }
    public string? GroupKey { get; set; }
    public long Grouped { get; set; }
    public string? Reason { get; set; }
    public long N { get; set; }
    public long Answered { get; set; }
    public long Unanswered { get; set; }
    public long ThumbsUp { get; set; }
    public long ThumbsDown { get; set; }
    public long CreditsMilli { get; set; }
    public string? MessageId { get; set; }
    public string? ConversationId { get; set; }
    public long AskedAt { get; set; }
    public long Position { get; set; }
    public string? Text { get; set; }
    public string? SourceId { get; set; }
}
