using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Parley.Bench.Knowledge;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Bench.Hosting;

/// <summary>
/// A Parley data directory holding the bench bot with the synthetic docs, ingested once through the admin API with the
/// server's settings (local embeddings: minutes of work), then kept under the temp folder and copied for every run.
/// The key is the corpus size, the settings and git's hash of the committed <c>src</c> tree (or, outside a clean checkout,
/// the bytes of the server's assemblies), so a store is only reused by the code that made it: a change to chunking,
/// embedding or the schema makes a new one.
/// </summary>
internal sealed record IngestedStore(
    string Root, string WorkspaceId, string BotId, int Sources, int Chunks, double IngestSeconds, double? ModelChunksPerSecond, DateTimeOffset Made)
{
    private const string ManifestName = "bench-store.json";
    private const int BaselineSample = 500;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly string[] ServerAssemblies =
        ["Parley.Server.dll", "Parley.Core.dll", "Parley.Storage.Sqlite.dll", "Parley.Embeddings.Local.dll"];

    public double IngestChunksPerSecond => Chunks / IngestSeconds;

    private string Data => Path.Combine(Root, "data");

    public static async Task<IngestedStore> GetOrCreateAsync(
        BenchOptions options, IReadOnlyList<DocPage> pages, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "parley-bench-stores", $"{options.Sources}x{options.ChunksPerSource}-{CodeKey(settings)}");
        if (File.Exists(Path.Combine(root, ManifestName)))
        {
            var kept = JsonSerializer.Deserialize<IngestedStore>(File.ReadAllText(Path.Combine(root, ManifestName)), Json)! with { Root = root };
            output.WriteLine($"Reusing the store ingested {kept.Made:yyyy-MM-dd HH:mm} UTC by the same source: {root}");
            return kept;
        }

        var staging = $"{root}.partial-{Environment.ProcessId}";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        var store = await IngestAsync(staging, pages, settings, output);
        File.WriteAllText(Path.Combine(staging, ManifestName), JsonSerializer.Serialize(store, Json));
        Directory.Move(staging, root);
        output.WriteLine($"Kept the store for later runs of the same source: {root}");
        return store with { Root = root };
    }

    /// <summary>A fresh copy of the data directory for one server, which the caller deletes.</summary>
    public string CopyData()
    {
        var copy = Directory.CreateTempSubdirectory("parley-bench-").FullName;
        foreach (var file in Directory.EnumerateFiles(Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static async Task<IngestedStore> IngestAsync(
        string staging, IReadOnlyList<DocPage> pages, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        output.WriteLine($"Ingesting {pages.Count} pages through the admin API with the server's embeddings (once per source tree) ...");
        await using var parley = ParleyHost.Start(instantGenerator: false, settings, Path.Combine(staging, "data"));
        using var provisioner = new BotProvisioner(parley.BaseAddress, ParleyHost.AdminKey);
        await provisioner.WaitUntilReadyAsync();
        var (workspaceId, botId) = await provisioner.CreateBotAsync();
        var clock = Stopwatch.StartNew();
        var chunks = 0;
        foreach (var batch in pages.Chunk(20))
        {
            chunks += await provisioner.AddPagesAsync(botId, batch);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {chunks:N0} chunks in {clock.Elapsed.TotalSeconds:F0} s ({chunks / clock.Elapsed.TotalSeconds:F1} chunks/s); load average {Machine.LoadAverage()}"));
        }

        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var modelRate = await ModelAloneAsync(parley.Services, botId);
        var ratio = modelRate is { } rate
            ? FormattableString.Invariant($"; the model alone on {BaselineSample} of the same chunks right after: {rate:F1} chunks/s, so ingestion ran at {100 * chunks / ingestSeconds / rate:F0} % of it (target >= 70 %)")
            : "; no embedding model";
        output.WriteLine(FormattableString.Invariant($"Ingested {chunks:N0} chunks in {ingestSeconds:F0} s = {chunks / ingestSeconds:F1} chunks/s{ratio}"));
        return new IngestedStore(staging, workspaceId, botId, pages.Count, chunks, ingestSeconds, modelRate, DateTimeOffset.UtcNow);
    }

    /// <summary>The ceiling for ingestion: the embedding model alone on a sample of the chunks it just embedded.</summary>
    private static async Task<double?> ModelAloneAsync(IServiceProvider services, string botId)
    {
        if (services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is not { } generator)
            return null;
        var chunks = await services.GetRequiredService<IKnowledgeStore>().ReadChunksAsync(botId);
        var step = Math.Max(1, chunks.Count / BaselineSample);
        var texts = chunks.Where((_, i) => i % step == 0).Take(BaselineSample)
            .Select(c => ChunkEmbedder.TextOf(new Chunk(0, c.PageTitle, c.Url, c.Heading, c.Text))).ToList();
        var clock = Stopwatch.StartNew();
        await generator.GenerateAsync(texts);
        return texts.Count / clock.Elapsed.TotalSeconds;
    }

    private static string CodeKey(IReadOnlyDictionary<string, string> settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (SourceTree() is { } tree)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(tree));
        }
        else
        {
            // No clean checkout to name the code by: the built server itself, which a rebuild of the same source may change.
            foreach (var name in ServerAssemblies)
                hash.AppendData(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, name)));
        }

        foreach (var (key, value) in settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key}={value};"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>
    /// Git's hash of the checkout's <c>src</c> tree when it has no uncommitted changes, else null. Deterministic builds
    /// of one source still differ by build settings, so the source, not the bytes, says whether a store still fits.
    /// </summary>
    private static string? SourceTree()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "src", "Parley.Server")))
            root = root.Parent;
        if (root is null)
            return null;
        try
        {
            var changes = Git(root.FullName, "status", "--porcelain", "--", "src");
            return changes is "" ? Git(root.FullName, "rev-parse", "HEAD:src") : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git
        }
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : null;
    }
}
