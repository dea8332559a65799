namespace Parley.Core.Bots;

/// <summary>What a bot does when its knowledge cannot be searched (the search failed or ran out of time).</summary>
public enum KnowledgeFallback
{
    /// <summary>Answer from the model and the conversation alone, after telling the visitor so.</summary>
    Answer,

    /// <summary>Say it cannot answer right now rather than answer without its knowledge.</summary>
    Decline,
}
