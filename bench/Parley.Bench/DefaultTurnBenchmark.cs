using System.Diagnostics;
using Parley.Bench.Hosting;
using Parley.Bench.Knowledge;
using Parley.Bench.Load;
using Parley.Bench.Reporting;

namespace Parley.Bench;

/// <summary>
/// The <c>default-turn</c> command: Parley as it ships (local embeddings, the offline extractive generator) on the
/// synthetic docs, and on that one server and bot, in one run, the public chat stream beside the knowledge search API
/// with the same questions. A turn should cost little more than the search it makes.
/// </summary>
internal static class DefaultTurnBenchmark
{
    private const int QuestionCount = 50_000;
    private static readonly TimeSpan JitWarmupLimit = TimeSpan.FromSeconds(60);

    // The server's defaults, stated so the run says what it measured: local MiniLM embeddings, SQLite, the offline generator.
    private static readonly Dictionary<string, string> DefaultSettings = new() { ["Parley:Embeddings:Provider"] = "local" };

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var clock = Stopwatch.StartNew();
        var pages = SyntheticDocs.Generate(options.Sources, options.ChunksPerSource);
        var questions = new QuestionSet(QuestionCount);
        output.WriteLine($"Generated {pages.Count} pages and {questions.Distinct:N0} distinct questions of {questions.Count:N0} in {clock.Elapsed.TotalSeconds:F1} s.");

        var store = await IngestedStore.GetOrCreateAsync(options, pages, DefaultSettings, output);
        output.WriteLine(FormattableString.Invariant(
            $"Store: bot {store.BotId}, {store.Sources} sources, {store.Chunks:N0} chunks, ingested with local embeddings in {store.IngestSeconds:F0} s ({store.IngestChunksPerSecond:F1} chunks/s)."));

        var data = store.CopyData();
        try
        {
            await using var parley = ParleyHost.Start(instantGenerator: false, DefaultSettings, data);
            using (var provisioner = new BotProvisioner(parley.BaseAddress, ParleyHost.AdminKey))
                await provisioner.WaitUntilReadyAsync();
            output.WriteLine($"Parley at {parley.BaseAddress}: default configuration (local embeddings, offline extractive generator, SQLite).");
            using var chat = new ChatTarget("chat", parley.BaseAddress, store.BotId);
            using var search = new SearchTarget("search", parley.BaseAddress, store.BotId, ParleyHost.AdminKey);

            using var allocations = new AllocationMeter();
            var (warmedIn, methods) = await JitWarmup.RunAsync([chat, search], questions, allocations, options.Concurrency.Max(), JitWarmupLimit);
            output.WriteLine($"JIT warm-up: {methods:N0} methods compiled in {warmedIn.TotalSeconds:F0} s of traffic.");
            output.WriteLine($"Each row: {options.Warmup.TotalSeconds:F0} s warm-up, {options.Duration.TotalSeconds:F0} s measured.");

            var rows = new List<PhaseResult>();
            foreach (var concurrency in options.Concurrency)
            {
                foreach (var target in new ILoadTarget[] { chat, search })
                {
                    var row = await new LoadPhase(target, questions, allocations).RunAsync(concurrency, options.Warmup, options.Duration);
                    output.WriteLine(FormattableString.Invariant(
                        $"  {target.Name} c={concurrency}: {row.TurnsPerSecond:F1}/s, p50 {row.FirstContentPercentile(50):F2} ms; {row.MethodsCompiled} methods JIT-compiled in the window; load average {Machine.LoadAverage()}"));
                    rows.Add(row);
                }
            }

            DefaultTurnTable.Print(rows, output);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner takes whatever a closing connection still held.
            }
        }
    }
}
