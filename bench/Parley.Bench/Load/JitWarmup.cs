using System.Diagnostics;
using System.Runtime;
using Parley.Bench.Knowledge;

namespace Parley.Bench.Load;

/// <summary>
/// Drives every target until the JIT has nothing left to compile. Tiered compilation recompiles hot methods
/// (tier 0, then instrumented, then optimised) for tens of seconds on two cores; a row measured before it settles
/// pays for compiling and runs partly unoptimised code, which inflates its CPU and latency.
/// </summary>
internal static class JitWarmup
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(1);
    private const int QuietMethodsPerRound = 20;

    public static async Task<(TimeSpan Elapsed, long Methods)> RunAsync(
        IReadOnlyList<ILoadTarget> targets, QuestionSet questions, AllocationMeter allocations, int concurrency, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        while (clock.Elapsed < limit)
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var target in targets)
                await new LoadPhase(target, questions, allocations).RunAsync(concurrency, TimeSpan.Zero, Round);
            if (JitInfo.GetCompiledMethodCount() - before < QuietMethodsPerRound)
                break;
        }

        return (clock.Elapsed, JitInfo.GetCompiledMethodCount() - compiled);
    }
}
