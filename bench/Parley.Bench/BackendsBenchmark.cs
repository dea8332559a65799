using System.Globalization;
using Parley.Bench.Load;

namespace Parley.Bench;

/// <summary>
/// The <c>backends</c> command: the chat benchmark's Parley rows on each way to deploy, in one run and one table:
/// SQLite, then PostgreSQL (with Redis when given) behind one replica and behind two. Every configuration gets its
/// own bot of the same synthetic documentation, its own JIT warm-up and the same load.
/// </summary>
internal static class BackendsBenchmark
{
    private static readonly TimeSpan JitWarmupLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        var scaleOut = $"PostgreSQL{(options.Redis is null ? "" : " + Redis")}";
        var configurations = new List<(string Name, BenchOptions Options)>
        {
            ("SQLite", options with { Postgres = null, Redis = null, Replicas = 1 }),
            ($"{scaleOut}, 1 replica", options with { Replicas = 1 }),
            ($"{scaleOut}, 2 replicas", options with { Replicas = 2 }),
        };

        var rows = new List<(string Backend, PhaseResult Result)>();
        foreach (var (name, configuration) in configurations)
        {
            output.WriteLine($"== {name}");
            await using var setup = await BenchSetup.StartAsync(configuration, output);
            using var target = new ChatTarget("parley", setup.Replicas.Select(r => r.BaseAddress).ToList(), setup.BotId);
            using var allocations = new AllocationMeter();
            var (warmedIn, methods) = await JitWarmup.RunAsync([target], setup.Questions, allocations, options.Concurrency.Max(), JitWarmupLimit);
            output.WriteLine($"JIT warm-up: {methods:N0} methods compiled in {warmedIn.TotalSeconds:F0} s of traffic.");
            foreach (var concurrency in options.Concurrency)
            {
                var row = await new LoadPhase(target, setup.Questions, allocations).RunAsync(concurrency, options.Warmup, options.Duration);
                output.WriteLine($"  c={concurrency}: {row.TurnsPerSecond:F1} turns/s; load average {Machine.LoadAverage()}");
                rows.Add((name, row));
            }
        }

        output.WriteLine();
        output.WriteLine($"{"backend",-32} {"c",4} {"turns/s",9} {"p50 TTFC ms",12} {"p99 TTFC ms",12} {"CPU ms/turn",12} {"CPU busy",9} {"failed",7}");
        output.WriteLine(new string('-', 104));
        foreach (var (backend, row) in rows.OrderBy(r => r.Result.Concurrency))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{backend,-32} {row.Concurrency,4} {row.TurnsPerSecond,9:F1} {row.FirstContentPercentile(50),12:F2} {row.FirstContentPercentile(99),12:F2} {row.CpuMsPerTurn,12:F3} {row.CpuUtilisation,9:P0} {row.Failures,7}"));
        }

        foreach (var (backend, failed) in rows.Where(r => r.Result.Failures > 0))
            output.WriteLine($"  {backend} c={failed.Concurrency}: {failed.Failures} failed turns, first: {failed.FirstFailure}");
        output.WriteLine("CPU ms/turn counts this whole process: the client and every replica; PostgreSQL and Redis run in their own.");
    }
}
