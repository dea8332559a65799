using System.Diagnostics;
using Parley.Bench.Hosting;
using Parley.Bench.Knowledge;

namespace Parley.Bench;

/// <summary>What every command starts from: Parley running, with a public bot that knows the synthetic docs.</summary>
internal sealed class BenchSetup : IAsyncDisposable
{
    private const int QuestionCount = 50_000;

    private BenchSetup(ParleyHost parley, IReadOnlyList<ParleyHost> replicas, QuestionSet questions, string workspaceId, string botId)
    {
        Parley = parley;
        Replicas = replicas;
        Questions = questions;
        WorkspaceId = workspaceId;
        BotId = botId;
    }

    public ParleyHost Parley { get; }

    /// <summary>Every Parley server of the run, <see cref="Parley"/> first; more than one only with <c>--replicas</c>.</summary>
    public IReadOnlyList<ParleyHost> Replicas { get; }

    public QuestionSet Questions { get; }

    public string WorkspaceId { get; }

    public string BotId { get; }

    public static async Task<BenchSetup> StartAsync(BenchOptions options, TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var clock = Stopwatch.StartNew();
        var pages = SyntheticDocs.Generate(options.Sources, options.ChunksPerSource);
        var questions = new QuestionSet(QuestionCount);
        output.WriteLine($"Generated {pages.Count} pages ({pages.Sum(p => p.Markdown.Length) / 1024} KiB of Markdown) and " +
            $"{questions.Distinct:N0} distinct questions of {questions.Count:N0} in {clock.Elapsed.TotalSeconds:F1} s.");

        // Lexical retrieval only: this measures the pipeline around retrieval, and embedding 10,000 chunks with the
        // local model would take minutes. The eval command measures hybrid retrieval, embeddings included.
        var parley = ParleyHost.Start(options.Generator == "instant", settings: options.BackendSettings(new Dictionary<string, string> { ["Parley:Embeddings:Provider"] = "none" }));
        try
        {
            using var provisioner = new BotProvisioner(parley.BaseAddress, ParleyHost.AdminKey);
            await provisioner.WaitUntilReadyAsync();
            clock.Restart();
            var (workspaceId, botId) = await provisioner.CreateBotAsync();
            var chunks = await provisioner.AddPagesAsync(botId, pages);
            output.WriteLine($"Storage: {(options.Postgres is null ? "SQLite" : "PostgreSQL")}{(options.Redis is null ? "" : " + Redis")}; " +
                $"generator: {(options.Generator == "instant" ? "instant (a fixed answer)" : "offline (the server's extractive generator)")}; embeddings off.");
            output.WriteLine($"Parley at {parley.BaseAddress}: bot {botId} with {pages.Count} sources, {chunks:N0} chunks, ingested in {clock.Elapsed.TotalSeconds:F1} s.");
            var replicas = new List<ParleyHost> { parley };
            for (var i = 1; i < options.Replicas; i++)
                replicas.Add(ParleyHost.Start(options.Generator == "instant", settings: options.BackendSettings(new Dictionary<string, string> { ["Parley:Embeddings:Provider"] = "none" })));
            if (replicas.Count > 1)
                output.WriteLine($"Replicas over the same database: {string.Join(", ", replicas.Select(r => r.BaseAddress))}; requests go to each in turn.");
            return new BenchSetup(parley, replicas, questions, workspaceId, botId);
        }
        catch
        {
            await parley.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
            await replica.DisposeAsync();
    }
}
