using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Workspaces;
using Parley.Server.Auth;
using Parley.Server.Hosting;
using Parley.Server.Knowledge;

namespace Parley.Server.DemoBot;

/// <summary>
/// Start-up work once the server listens: on a brand-new deployment, a public demo bot that knows
/// Parley's documentation; then readiness, and the banner. Seeding waits for the server's address so the
/// demo bot's citations link to the docs this deployment serves (its public address behind a proxy).
/// Replicas starting together on an empty database create the demo exactly once between them (see
/// <see cref="IBotStore.CreateFirstAsync"/>) and all know its id.
/// </summary>
public sealed class DemoBotSeeder(
    IHostApplicationLifetime lifetime,
    PublicAddress publicAddress,
    IBotStore bots,
    SourceIngestor ingestor,
    AdminKey adminKey,
    Readiness readiness,
    IOptions<DemoBotOptions> options,
    TimeProvider time,
    ILogger<DemoBotSeeder> log) : BackgroundService
{
    public const string BotName = "Parley demo";

    public string? DemoBotId { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
            return;

        var address = publicAddress.Value;
        try
        {
            if (options.Value.Enabled)
                await SeedAsync(address, stoppingToken);
            DemoBotId = (await bots.ListAsync(null, stoppingToken)).FirstOrDefault(b => b.Name == BotName)?.Id;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(e, "Seeding the demo bot failed.");
        }

        readiness.MarkReady();
        if (options.Value.PrintBanner)
            StartupBanner.Print(address, adminKey, this, Console.Out);
    }

    /// <summary>What a newcomer asks first; each is answered by a section of Parley's own documentation.</summary>
    public static readonly IReadOnlyList<string> SuggestedQuestions =
    [
        StartupBanner.DemoQuestion,
        "How do I add my website to a bot?",
        "How do I use an OpenAI-compatible or local model?",
        "How do I set a rate limit on a bot?",
        "What happens when a workspace runs out of credits?",
    ];

    private async Task SeedAsync(string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var workspace = new Workspace(Guid.CreateVersion7().ToString(), "Demo", 10_000, null, now);
        var bot = new Bot
        {
            Id = Guid.CreateVersion7().ToString(),
            WorkspaceId = workspace.Id,
            Name = BotName,
            WelcomeMessage = "Hi! Ask me anything about Parley: running it, the Chat API, the widget, bots and credits.",
            SuggestedQuestions = SuggestedQuestions,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Only on a deployment without any workspace, and only by one of the replicas starting on it.
        if (!await bots.CreateFirstAsync(workspace, bot, ct))
            return;

        foreach (var name in ParleyDocs.Names)
        {
            var markdown = ParleyDocs.Read(name)!;
            await ingestor.AddTextAsync(bot.Id, ParleyDocs.TitleOf(name, markdown), $"{address}/docs/{name}", markdown, ct);
        }

        log.LogInformation("Seeded the demo bot {BotId} with {Count} documentation pages.", bot.Id, ParleyDocs.Names.Count());
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
