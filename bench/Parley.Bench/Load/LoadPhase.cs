using System.Diagnostics;
using Parley.Bench.Knowledge;

namespace Parley.Bench.Load;

/// <summary>
/// A closed loop: <c>concurrency</c> virtual visitors each send a message, read the answer to the end and send the
/// next, through a warm-up and then a measured window. Turns that end inside the window count for throughput;
/// turns that also start inside it give the time-to-first-content samples. CPU and allocations are the whole
/// process's over the window (server and client alike: they share it).
/// </summary>
internal sealed class LoadPhase(ILoadTarget target, QuestionSet questions, AllocationMeter allocations)
{
    private const int Warmup = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    private int _stage;

    public async Task<PhaseResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan measure)
    {
        _stage = Warmup;
        var visitors = Enumerable.Range(0, concurrency).Select(VisitAsync).ToArray();

        await Task.Delay(warmup);
        var cpu0 = Environment.CpuUsage.TotalTime;
        var allocated0 = allocations.AllocatedBytes;
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var compiled0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref _stage, Measuring);

        await Task.Delay(measure);
        Volatile.Write(ref _stage, Stopped);
        var window = clock.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime - cpu0;
        var allocated = allocations.AllocatedBytes - allocated0;
        var (d0, d1, d2) = (GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled0;

        var tallies = await Task.WhenAll(visitors);
        var latencies = tallies.SelectMany(t => t.FirstContentMs).Order().ToList();
        return new PhaseResult(
            target.Name, concurrency, window, tallies.Sum(t => t.Turns), tallies.Sum(t => t.Failures),
            tallies.Select(t => t.FirstFailure).FirstOrDefault(f => f is not null),
            latencies, cpu, allocated, d0, d1, d2, compiled);
    }

    private async Task<Tally> VisitAsync(int visitor)
    {
        // Let every visitor start from a thread-pool thread, not the caller's.
        await Task.Yield();
        var tally = new Tally();
        for (var turn = 0; Volatile.Read(ref _stage) != Stopped; turn++)
        {
            var startedIn = Volatile.Read(ref _stage);
            var result = await target.RunAsync(questions.Next(), $"bench-{visitor}-{turn}", CancellationToken.None);
            if (Volatile.Read(ref _stage) != Measuring)
                continue;

            if (!result.Succeeded)
            {
                tally.Failures++;
                tally.FirstFailure ??= result.Failure;
                continue;
            }

            tally.Turns++;
            if (startedIn == Measuring)
                tally.FirstContentMs.Add(Stopwatch.GetElapsedTime(result.Started, result.FirstContent).TotalMilliseconds);
        }

        return tally;
    }

    private sealed class Tally
    {
        public int Turns { get; set; }

        public int Failures { get; set; }

        public string? FirstFailure { get; set; }

        public List<double> FirstContentMs { get; } = [];
    }
}
