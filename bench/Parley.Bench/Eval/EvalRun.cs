namespace Parley.Bench.Eval;

/// <summary>Everything one eval measured, for the printed report and the <c>--json</c> file.</summary>
/// <param name="Target">Where the bot ran, for the reader.</param>
/// <param name="MaxPassages">The server's <c>Parley:Retrieval:MaxPassages</c> when the eval set it, <c>null</c> when unknown.</param>
internal sealed record EvalRun(string Target, string QuestionFile, int? MaxPassages, IngestionResult Ingestion, IReadOnlyList<QuestionResult> Results)
{
    public IReadOnlyList<GroupScore> Groups { get; } = GroupScore.Of(Results);

    /// <summary>The bot the run created and asked.</summary>
    public string BotId { get; init; } = "";
}
