using Dapper;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The SQLite file. Reads use pooled connections and run concurrently (WAL); writes share one
/// connection behind an async lock, because SQLite admits one writer at a time and its own busy
/// handler makes waiting writers sleep and poll, which costs far more than queueing them here.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;

    static SqliteDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        _writer.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;");
        SqliteMigrations.Apply(_writer);
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return read(connection);
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            using var transaction = _writer.BeginTransaction();
            var result = write(_writer, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken ct = default) =>
        WriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return true;
        }, ct);

    public void Dispose()
    {
        _writer.Dispose();
        _writeLock.Dispose();
    }
}
