namespace Parley.Bench.Eval;

/// <summary>Everything one eval measured, for the printed report and the <c>--json</c> file.</summary>
/// <param name="Target">Where the bot ran, for the reader.</param>
/// <param name="MaxPassages">The server's <c>Parley:Retrieval:MaxPassages</c> when the eval set it, <c>null</c> when unknown.</param>
internal sealed record EvalRun(string Target, string QuestionFile, int? MaxPassages, IngestionResult Ingestion, IReadOnlyList<QuestionResult> Results)
{
    public IReadOnlyList<GroupScore> Groups { get; } = GroupScore.Of(Results);

    /// <summary>The bot the run created and asked.</summary>
    public string BotId { get; init; } = "";

    /// <summary>The same questions asked in conversations (<c>--conversations N</c>), or <c>null</c>.</summary>
    public Conversations.ConversationRun? Conversations { get; init; }

    /// <summary>The follow-up pairs (<c>--followups FILE</c>), or <c>null</c>.</summary>
    public Followups.FollowupRun? Followups { get; init; }

    /// <summary>The questions nothing answers (<c>--unanswerable FILE</c>), or <c>null</c>.</summary>
    public Unanswerable.UnanswerableRun? Unanswerable { get; init; }
}
