namespace Parley.Core.Knowledge;

/// <summary>A claimed unit of background work: fetch and index one source. Held under a lease that the worker renews.</summary>
public sealed record IngestionJob(string Id, string SourceId, string BotId, int Attempt);
