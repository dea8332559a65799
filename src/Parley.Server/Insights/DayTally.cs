using Parley.Core.Conversations;
using Parley.Core.Insights;

namespace Parley.Server.Insights;

/// <summary>The counts of one day (or of the whole range) as questions are read.</summary>
internal sealed class DayTally
{
    public int Conversations { get; set; }
    public int VisitorMessages { get; private set; }
    public int Answered { get; private set; }
    public int Unanswered { get; private set; }
    public int ThumbsUp { get; private set; }
    public int ThumbsDown { get; private set; }
    public decimal CreditsSpent { get; private set; }

    public void Add(AskedQuestion question)
    {
        VisitorMessages++;
        if (UnansweredReason.Answered(question))
            Answered++;
        else if (UnansweredReason.Of(question) is not null)
            Unanswered++;
        if (question.Vote == FeedbackRating.Up)
            ThumbsUp++;
        else if (question.Vote == FeedbackRating.Down)
            ThumbsDown++;
        CreditsSpent += question.Credits;
    }

    public InsightsCounts ToTotals() => new(Conversations, VisitorMessages, Answered, Unanswered, ThumbsUp, ThumbsDown, CreditsSpent);

    public DayCounts ToDay(DateOnly date) => new(date, Conversations, VisitorMessages, Answered, Unanswered, ThumbsUp, ThumbsDown, CreditsSpent);
}
