using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Parley.Server.Tests.Infrastructure.Services;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run: <c>initdb</c> into a temp directory, started on
/// a free loopback port with fsync off, stopped by a watchdog when the test process has gone. Started on first use, so a
/// run that needs no PostgreSQL pays nothing; each test gets its own database in it.
/// </summary>
public sealed class PostgresCluster
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly int _port;

    private PostgresCluster(int port) => _port = port;

    /// <summary>The run's cluster, started by the first caller.</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>Connection string of the cluster's maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=30;Command Timeout=60";

    /// <summary>A new empty database; the name is unique across the run.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"parley_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Drops a test's database, closing whatever connections the test left open.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        if (!File.Exists(initdb))
            RequiredTool.Missing($"PostgreSQL 15 ({initdb})");
        if (!File.Exists("/usr/share/postgresql/15/extension/vector.control"))
            RequiredTool.Missing("the pgvector extension for PostgreSQL 15");

        var directory = Directory.CreateTempSubdirectory("parley-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await RunAsync("chown", ["postgres:postgres", directory]); // initdb refuses to run as root.

        await RunAsPostgresAsync(asRoot, initdb, ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        var port = FreePort();
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB";
        await RunAsPostgresAsync(asRoot, Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", data, "-o", options, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "60", "start"]);

        var pgCtl = $"{Path.Combine(BinDirectory, "pg_ctl")} -D {data} -m immediate -w stop";
        Watchdog.StopWhenTestsEnd($"{(asRoot ? "runuser -u postgres -- " : "")}{pgCtl} >/dev/null 2>&1; rm -rf {directory}");
        return new PostgresCluster(port);
    }

    private static Task RunAsPostgresAsync(bool asRoot, string program, IReadOnlyList<string> arguments) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, workingDirectory: "/tmp", timeout: TimeSpan.FromSeconds(90));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"Starting the test PostgreSQL failed: {result}");
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
