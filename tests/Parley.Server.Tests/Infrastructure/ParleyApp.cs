using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A Parley server on a real loopback port (Kestrel, not the in-memory test server), with its own empty
/// data directory, so tests talk to it exactly as clients do: real sockets, real disconnects, a real client IP.
/// </summary>
public sealed class ParleyApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "parley-test-admin-key-7b0c1f";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    private bool _ownsData = true;
    private string? _database;

    public Backend Backend { get; private set; } = Backend.Sqlite;

    /// <summary>Runs on another backend: a fresh PostgreSQL database of the run's cluster, and its Redis if asked.</summary>
    public ParleyApp WithBackend(Backend backend)
    {
        Backend = backend;
        return this;
    }

    /// <summary>Runs on an existing PostgreSQL database (as another replica would) and leaves it in place.</summary>
    public ParleyApp WithPostgresDatabase(string connectionString)
    {
        Backend = Backend == Backend.Sqlite ? Backend.Postgres : Backend;
        _settings["Parley:Storage:ConnectionString"] = connectionString;
        return this;
    }

    /// <summary>The PostgreSQL connection string the server uses, when it runs on PostgreSQL.</summary>
    public string? ConnectionString => _settings.GetValueOrDefault("Parley:Storage:ConnectionString");

    public string DataDirectory { get; private set; } = Directory.CreateTempSubdirectory("parley-test-").FullName;

    /// <summary>Runs on an existing data directory, as a restarted server would, and leaves it in place.</summary>
    public ParleyApp WithDataDirectory(string directory)
    {
        Directory.Delete(DataDirectory);
        DataDirectory = directory;
        _ownsData = false;
        return this;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ParleyApp> StartAsync(Action<ParleyApp>? configure = null)
    {
        var app = new ParleyApp();
        configure?.Invoke(app);
        await app.PrepareBackendAsync();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        await app.WaitUntilReadyAsync();
        return app;
    }

    /// <summary>A configuration value, as an environment variable <c>Parley__A__B</c> would set it.</summary>
    public ParleyApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces a service, to inject a fault or a controllable generator.</summary>
    public ParleyApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public HttpClient NewHttpClient(string? bearer = null, IDictionary<string, string>? headers = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    public AdminApi Admin(string key = AdminKey) => new(NewHttpClient(key));

    /// <summary>The SDK on the public endpoint, optionally sending headers such as <c>Origin</c>.</summary>
    public ParleyChatClient PublicChat(IDictionary<string, string>? headers = null) => new(NewHttpClient(headers: headers));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PARLEY_DATA_DIR", DataDirectory);
        builder.UseSetting("PARLEY_ADMIN_KEY", AdminKey);
        builder.UseSetting("Parley:DemoBot:Enabled", "false");
        builder.UseSetting("Parley:DemoBot:PrintBanner", "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
                configure(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
        if (!_ownsData)
            return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS temp cleaner will take it.
        }
    }

    private async Task PrepareBackendAsync()
    {
        if (Backend == Backend.Sqlite)
            return;
        _settings["Parley:Storage:Provider"] = "postgres";
        if (ConnectionString is null)
        {
            _database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
            _settings["Parley:Storage:ConnectionString"] = _database;
        }

        if (Backend == Backend.PostgresAndRedis)
            _settings["Parley:Redis:Connection"] = (await RedisServer.GetAsync()).Connection;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = NewHttpClient();
        // Ready once its start-up work is done (a demo bot's pages embedded, say): seconds on a busy machine.
        for (var attempt = 0; attempt < 2400; attempt++)
        {
            if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                return;
            await Task.Delay(25);
        }

        throw new TimeoutException("Parley did not become ready.");
    }
}
