using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Server.DemoBot;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>Several servers on one PostgreSQL database behave as one deployment.</summary>
public sealed class SharedDatabaseTests : IAsyncLifetime
{
    private const int PagesPerSource = 4;
    private const int Sources = 6;

    private readonly List<ParleyApp> _apps = [];
    private string _database = null!;
    private FakeSite _site = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        _site = await FakeSite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        await _site.DisposeAsync();
        await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task Replicas_starting_at_once_on_a_new_database_migrate_it_once_and_share_everything()
    {
        var replicas = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StartReplicaAsync()));

        using var first = replicas[0].Admin();
        var botId = await first.CreateKnowledgeableBotAsync();
        foreach (var replica in replicas)
        {
            var answer = await replica.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));
            Assert.Contains("30 days", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Replicas_starting_at_once_on_a_new_database_with_the_demo_on_seed_one_demo_bot_that_all_know()
    {
        // Each on its own thread: started one after another, the later ones would simply find the demo there.
        var replicas = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => StartReplicaAsync(app => app
            .With("Parley:DemoBot:Enabled", "true")
            .With("Parley:Embeddings:Provider", "none")))));

        using var admin = replicas[0].Admin();
        var workspace = Assert.Single((await admin.GetAsync("/v1/workspaces")).EnumerateArray());
        var bot = Assert.Single((await admin.GetAsync("/v1/bots")).EnumerateArray());
        Assert.Equal(workspace.GetProperty("id").GetString(), bot.GetProperty("workspace_id").GetString());
        Assert.Equal(DemoBotSeeder.BotName, bot.GetProperty("name").GetString());
        Assert.All(replicas, r => Assert.Equal(bot.GetProperty("id").GetString(), r.Services.GetRequiredService<DemoBotSeeder>().DemoBotId));
    }

    [Fact]
    public async Task A_secret_one_replica_encrypts_another_decrypts()
    {
        var one = await StartReplicaAsync();
        var other = await StartReplicaAsync();

        var protectedSecret = one.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets").Protect("sk-live-secret");

        Assert.DoesNotContain("sk-live-secret", protectedSecret, StringComparison.Ordinal);
        Assert.Equal("sk-live-secret", other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets").Unprotect(protectedSecret));
        // And the key ring is not on either replica's disk: a new replica with an empty data directory reads it too.
        Assert.False(Directory.Exists(Path.Combine(one.DataDirectory, "keys")));
        var newcomer = await StartReplicaAsync();
        Assert.Equal("sk-live-secret", newcomer.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets").Unprotect(protectedSecret));
    }

    [Fact]
    public async Task Replicas_that_encrypt_at_the_same_moment_on_a_new_database_read_each_others_secrets()
    {
        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartReplicaAsync()));
        var protectors = replicas.Select(r => r.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parley.Secrets")).ToList();

        var secrets = await Task.WhenAll(protectors.Select((p, i) => Task.Run(() => p.Protect($"secret-{i}"))));

        for (var i = 0; i < secrets.Length; i++)
        {
            foreach (var protector in protectors)
                Assert.Equal($"secret-{i}", protector.Unprotect(secrets[i]));
        }
    }

    [Fact]
    public async Task Sync_jobs_queued_on_one_replica_are_each_run_once_by_the_workers_of_all()
    {
        _site.Delay = TimeSpan.FromMilliseconds(40);
        for (var s = 0; s < Sources; s++)
        {
            for (var p = 0; p < PagesPerSource; p++)
            {
                var next = p + 1 < PagesPerSource ? new[] { $"/s{s}/p{p + 1}" } : [];
                _site.Page($"/s{s}/p{p}", FakeSite.Html($"Manual {s}-{p}", $"<p>Appliance {s} chapter {p} explains the descaling schedule number {s * 100 + p}.</p>", next));
            }
        }

        // Three replicas with four workers each compete for six jobs.
        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartReplicaAsync(workers: 4)));
        using var admin = replicas[0].Admin();
        var botId = await admin.CreateBotAsync();
        var sourceIds = new List<string>();
        for (var s = 0; s < Sources; s++)
            sourceIds.Add(await admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url($"/s{s}/p0"), max_pages = 50, max_depth = 10 }));

        using var otherAdmin = replicas[2].Admin();
        var synced = new List<(int Pages, int Chunks)>();
        foreach (var sourceId in sourceIds)
        {
            var source = await otherAdmin.WaitForSyncAsync(botId, sourceId, TimeSpan.FromSeconds(90));
            Assert.Equal("ready", source.GetProperty("status").GetString());
            synced.Add((source.GetProperty("pages").GetInt32(), source.GetProperty("chunks").GetInt32()));
        }

        for (var s = 0; s < Sources; s++)
        {
            for (var p = 0; p < PagesPerSource; p++)
                Assert.Equal(1, _site.Hits($"/s{s}/p{p}"));
        }

        // The same site crawled again by one server alone is the reference for how many pages and chunks a source must have.
        await using var alone = await ParleyApp.StartAsync(a => a.With("Parley:Knowledge:AllowPrivateNetworks", "true"));
        using var aloneAdmin = alone.Admin();
        var referenceBot = await aloneAdmin.CreateBotAsync();
        var reference = await aloneAdmin.WaitForSyncAsync(referenceBot,
            await aloneAdmin.AddFetchedSourceAsync(referenceBot, new { type = "crawl", url = _site.Url("/s0/p0"), max_pages = 50, max_depth = 10 }));
        Assert.True(reference.GetProperty("pages").GetInt32() >= PagesPerSource);
        Assert.All(synced, s => Assert.Equal((reference.GetProperty("pages").GetInt32(), reference.GetProperty("chunks").GetInt32()), s));
    }

    private async Task<ParleyApp> StartReplicaAsync(int workers = 1) => await StartReplicaAsync(a => a.With("Parley:Ingestion:Workers", workers.ToString()));

    private async Task<ParleyApp> StartReplicaAsync(Action<ParleyApp> configure)
    {
        var app = await ParleyApp.StartAsync(a => configure(a
            .WithPostgresDatabase(_database)
            .With("Parley:Knowledge:AllowPrivateNetworks", "true")));
        lock (_apps)
            _apps.Add(app);
        return app;
    }
}
