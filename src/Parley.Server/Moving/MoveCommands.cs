using Parley.Server.Hosting;
using Parley.Server.Storage;
using Parley.Storage.Postgres;
using Parley.Storage.Sqlite;

namespace Parley.Server.Moving;

/// <summary>
/// Moving up from one server to replicas: <c>export &lt;archive&gt;</c> writes the embedded deployment in
/// <c>PARLEY_DATA_DIR</c> (database and key ring) to an archive; <c>import &lt;archive&gt;</c> loads it into the
/// empty PostgreSQL database named by <c>Parley__Storage__ConnectionString</c>. Run with the server stopped.
/// </summary>
public static class MoveCommands
{
    /// <summary>The exit code when <paramref name="args"/> name a command, or null to start the server.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("export" or "import"))
            return null;
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync($"usage: {args[0]} <archive file>");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        try
        {
            var counts = args[0] == "export" ? await ExportAsync(configuration, args[1]) : await ImportAsync(configuration, args[1]);
            foreach (var (table, count) in counts)
                Console.WriteLine($"{table}: {count}");
            Console.WriteLine($"{(args[0] == "export" ? "Exported to" : "Imported from")} {args[1]}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or Npgsql.NpgsqlException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<IReadOnlyDictionary<string, int>> ExportAsync(IConfiguration configuration, string archive)
    {
        var data = new DataDirectory(configuration);
        await using var output = File.Create(archive);
        return await SqliteExport.WriteAsync(data.PathOf("parley.db"), data.PathOf("keys"), output);
    }

    private static async Task<IReadOnlyDictionary<string, int>> ImportAsync(IConfiguration configuration, string archive)
    {
        var connectionString = configuration[StorageExtensions.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException($"Set {StorageExtensions.ConnectionStringKey.Replace(":", "__", StringComparison.Ordinal)} to the PostgreSQL database to import into.");
        await using var input = File.OpenRead(archive);
        return await PostgresImport.ReadAsync(input, connectionString);
    }
}
