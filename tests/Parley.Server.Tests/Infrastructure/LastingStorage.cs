using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A data directory and, on PostgreSQL, a database that outlive the servers started on them: for tests that
/// stop a server and start another on what it left, as a restart or an upgrade would.
/// </summary>
public sealed class LastingStorage : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-lasting-").FullName;
    private string? _database;

    public static async Task<LastingStorage> CreateAsync(Backend backend)
    {
        var storage = new LastingStorage();
        if (backend != Backend.Sqlite)
            storage._database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        return storage;
    }

    /// <summary>Starts <paramref name="app"/> on this storage, which it leaves in place when it stops.</summary>
    public ParleyApp Use(ParleyApp app)
    {
        app.WithDataDirectory(_directory);
        return _database is null ? app : app.WithPostgresDatabase(_database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await (await PostgresCluster.GetAsync()).DropDatabaseAsync(_database);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS temp cleaner will take it.
        }
    }
}
