namespace Parley.Bench.Load;

/// <summary>What one target did at one concurrency during the measured window.</summary>
internal sealed record PhaseResult(
    string Target,
    int Concurrency,
    TimeSpan Window,
    int Turns,
    int Failures,
    string? FirstFailure,
    IReadOnlyList<double> FirstContentMs,
    TimeSpan CpuTime,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    long MethodsCompiled)
{
    public double TurnsPerSecond => Turns / Window.TotalSeconds;

    public double CpuMsPerTurn => Turns == 0 ? double.NaN : CpuTime.TotalMilliseconds / Turns;

    public double AllocatedKbPerTurn => Turns == 0 ? double.NaN : AllocatedBytes / 1024.0 / Turns;

    /// <summary>Share of the machine's cores kept busy: 1.0 is every core for the whole window.</summary>
    public double CpuUtilisation => CpuTime.TotalSeconds / Window.TotalSeconds / Environment.ProcessorCount;

    public double FirstContentPercentile(double percentile) => Percentile.Of(FirstContentMs, percentile);
}
