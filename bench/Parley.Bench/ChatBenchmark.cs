using Parley.Bench.Hosting;
using Parley.Bench.Load;
using Parley.Bench.Reporting;

namespace Parley.Bench;

/// <summary>
/// The chat benchmark, in one process: Parley with a bot of synthetic documentation and an instant generator,
/// a bare Kestrel endpoint that replays one of Parley's answers, and a client driving each in turn.
/// </summary>
internal static class ChatBenchmark
{
    private static readonly TimeSpan JitWarmupLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        await using var setup = await BenchSetup.StartAsync(options, output);
        using var parleyTarget = new ChatTarget("parley", setup.Replicas.Select(r => r.BaseAddress).ToList(), setup.BotId);
        var recorded = await CaptureAsync(parleyTarget, setup.Questions.Next());
        await using var bare = await BareEndpoint.StartAsync(ChatTarget.Path, recorded);
        using var bareTarget = new ChatTarget("bare", bare.BaseAddress, setup.BotId);
        output.WriteLine($"Bare endpoint at {bare.BaseAddress} replays a {recorded.BodyBytes}-byte answer in {recorded.Events.Count} events.");

        using var allocations = new AllocationMeter();
        var targets = new[] { parleyTarget, bareTarget }.Where(t => options.Targets.Contains(t.Name)).ToList();
        var (warmedIn, methods) = await JitWarmup.RunAsync(targets, setup.Questions, allocations, options.Concurrency.Max(), JitWarmupLimit);
        output.WriteLine($"JIT warm-up: {methods:N0} methods compiled in {warmedIn.TotalSeconds:F0} s of traffic.");
        output.WriteLine($"Each row: {options.Warmup.TotalSeconds:F0} s warm-up, {options.Duration.TotalSeconds:F0} s measured.");

        var rows = new List<PhaseResult>();
        foreach (var concurrency in options.Concurrency)
        {
            foreach (var target in targets)
            {
                var row = await new LoadPhase(target, setup.Questions, allocations).RunAsync(concurrency, options.Warmup, options.Duration);
                output.WriteLine($"  {target.Name} c={concurrency}: {row.TurnsPerSecond:F1} turns/s, p50 TTFC {row.FirstContentPercentile(50):F2} ms; " +
                    $"{row.MethodsCompiled} methods JIT-compiled in the window; load average {Machine.LoadAverage()}");
                rows.Add(row);
            }
        }

        ResultTable.Print(rows, output, options.Generator);
    }

    /// <summary>One real answer, to replay from the bare endpoint; it must be a complete, successful stream.</summary>
    private static async Task<RecordedStream> CaptureAsync(ChatTarget target, string question)
    {
        using var request = target.NewRequest(question, "bench-capture");
        using var response = await target.SendAsync(request, CancellationToken.None);
        var recorded = await RecordedStream.CaptureAsync(response, CancellationToken.None);
        var text = string.Concat(recorded.Events.Select(e => System.Text.Encoding.UTF8.GetString(e)));
        if (!response.IsSuccessStatusCode || !text.Contains("\"type\":\"done\"", StringComparison.Ordinal) || !text.Contains("\"type\":\"content\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Parley's answer cannot be replayed ({(int)response.StatusCode}): {text}");
        return recorded;
    }
}
