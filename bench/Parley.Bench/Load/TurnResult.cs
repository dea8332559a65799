namespace Parley.Bench.Load;

/// <summary>One request, timed on the client with <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
internal readonly record struct TurnResult(long Started, long FirstContent, long Ended, string? Failure)
{
    public bool Succeeded => Failure is null;
}
