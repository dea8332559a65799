using Parley.Server.Tests.Hosting;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// Two real Parley processes on different ports over one PostgreSQL database and one Redis, started at the
/// same moment on a brand-new database, as a scaled-out deployment's replicas are. Embeddings come from a
/// local OpenAI-compatible server, which the tests can slow down to hold a stream open.
/// </summary>
public sealed class ReplicaSet : IAsyncLifetime
{
    public const string AdminKey = "parley-replica-test-admin-key";

    /// <summary>The reverse proxy's address the replicas are told they are reached at.</summary>
    public const string PublicUrl = "https://chat.example.test/parley";

    private readonly List<(ServerProcess Process, string Data)> _processes = [];
    private string _database = null!;
    private string _redis = null!;

    public Replica A { get; private set; } = null!;

    public Replica B { get; private set; } = null!;

    public FakeOpenAIEmbeddings Embeddings { get; private set; } = null!;

    public FakeSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        _redis = (await RedisServer.GetAsync()).Connection;
        Embeddings = await FakeOpenAIEmbeddings.StartAsync();
        Site = await FakeSite.StartAsync();
        var started = await Task.WhenAll(StartReplicaAsync(), StartReplicaAsync());
        (A, B) = (started[0], started[1]);
    }

    /// <summary>Another replica of the same deployment.</summary>
    public async Task<Replica> StartReplicaAsync()
    {
        // A port picked free may be taken by another test's server before the replica binds it; then it tries another.
        for (var attempt = 1; ; attempt++)
        {
            var (process, address) = StartProcess();
            if (await process.ListensOnAsync(address) || attempt == 3)
            {
                await process.WaitUntilHealthyAsync(address);
                return new Replica(process, address);
            }
        }
    }

    private (ServerProcess Process, Uri Address) StartProcess()
    {
        var data = Directory.CreateTempSubdirectory("parley-replica-").FullName;
        var address = new Uri($"http://127.0.0.1:{PostgresCluster.FreePort()}/");
        var process = ServerProcess.Start(data, ["--urls", address.ToString().TrimEnd('/')], new Dictionary<string, string>
        {
            ["PARLEY_DATA_DIR"] = data,
            ["PARLEY_ADMIN_KEY"] = AdminKey,
            ["Parley__Storage__Provider"] = "postgres",
            ["Parley__Storage__ConnectionString"] = _database,
            ["Parley__Redis__Connection"] = _redis,
            ["Parley__Embeddings__Provider"] = "openai",
            ["Parley__Embeddings__BaseUrl"] = Embeddings.BaseUrl,
            ["Parley__Embeddings__Model"] = "text-embedding-3-small",
            ["Parley__Knowledge__AllowPrivateNetworks"] = "true",
            ["Parley__Ingestion__LeaseSeconds"] = "3",
            ["Parley__Credits__ReservationLeaseSeconds"] = "3",
            // Far longer than any test: a replica sees another's change only if it is pushed to it.
            ["Parley__Redis__BotCacheSeconds"] = "600",
            // As in production: every replica may seed the demo, and links go through the proxy's address.
            ["Parley__DemoBot__Enabled"] = "true",
            ["Parley__PublicUrl"] = PublicUrl,
        });
        lock (_processes)
            _processes.Add((process, data));
        return (process, address);
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, data) in _processes)
        {
            await process.DisposeAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        await Embeddings.DisposeAsync();
        await Site.DisposeAsync();
        await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
    }
}

/// <summary>One running replica: its process and where it listens.</summary>
public sealed record Replica(ServerProcess Process, Uri Address)
{
    public HttpClient NewHttpClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public AdminApi Admin() => new(NewHttpClient(ReplicaSet.AdminKey));

    public Parley.Client.ParleyChatClient PublicChat() => new(NewHttpClient());
}
