using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The SQLite file. Reads use pooled connections and run concurrently (WAL). Writes go to one writer
/// that commits them in groups: SQLite admits one writer at a time, and a commit costs more than the
/// statements it holds, so under load many callers' writes share one transaction. Each write runs in its
/// own savepoint, so one that fails is rolled back alone, and each caller resumes only once its write
/// is committed.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const int MaxGroup = 64;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<IWrite> _writes = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writerLoop;

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
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return Task.FromResult(read(connection));
    }

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var operation = new Write<T>(write);
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(operation), this);
        return operation.Completion.Task;
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken ct = default) =>
        WriteAsync((connection, transaction) =>
        {
            write(connection, transaction);
            return true;
        }, ct);

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writerLoop.Wait(TimeSpan.FromSeconds(10));
        _writer.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<IWrite>(MaxGroup);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _writes.Reader.TryRead(out var write))
                group.Add(write);

            Commit(group);
            group.Clear();
        }
    }

    private void Commit(List<IWrite> group)
    {
        try
        {
            using var transaction = _writer.BeginTransaction();
            foreach (var write in group)
                write.Run(_writer, transaction);
            transaction.Commit();
        }
        catch (Exception e)
        {
            // The commit itself failed: none of the group's writes happened.
            foreach (var write in group)
                write.Fail(e);
            return;
        }

        foreach (var write in group)
            write.Complete();
    }

    private interface IWrite
    {
        void Run(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception e);
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, T> write) : IWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            transaction.Save("w");
            try
            {
                _result = write(connection, transaction);
                transaction.Release("w");
            }
            catch (Exception e)
            {
                transaction.Rollback("w");
                _error = e;
            }
        }

        public void Complete()
        {
            if (_error is null)
                Completion.TrySetResult(_result!);
            else
                Completion.TrySetException(_error);
        }

        public void Fail(Exception e) => Completion.TrySetException(_error ?? e);
    }
}
