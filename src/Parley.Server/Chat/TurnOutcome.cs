namespace Parley.Server.Chat;

/// <summary>How a turn ended, which decides its last event and whether its credits are kept.</summary>
public enum TurnOutcome
{
    /// <summary>Answered in full: <c>done</c>, credits kept.</summary>
    Answered,

    /// <summary>A filter blocked the answer: <c>error content_filtered</c>, credits refunded.</summary>
    Blocked,

    /// <summary>The generator failed: <c>error service_unavailable</c>, credits refunded.</summary>
    Failed,

    /// <summary>The visitor went away: no event, the partial answer is stored as interrupted, credits refunded.</summary>
    Interrupted,
}
