namespace Parley.Bench.Load;

/// <summary>Something a closed loop of visitors can call with a question: a chat stream, or the knowledge search API.</summary>
internal interface ILoadTarget
{
    /// <summary>The row's name in the tables: <c>parley</c>, <c>bare</c>, <c>chat</c>, <c>search</c>.</summary>
    string Name { get; }

    /// <summary>One request, read to its end; its first-content time is what the tables call TTFC.</summary>
    Task<TurnResult> RunAsync(string question, string sessionId, CancellationToken ct);
}
