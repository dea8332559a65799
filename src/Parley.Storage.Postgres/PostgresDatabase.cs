using Dapper;
using Npgsql;
using Pgvector.Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// The PostgreSQL database that every replica shares. Unlike SQLite there is no single writer to funnel
/// through: each operation takes a pooled connection, and writes run in their own transaction, with row
/// locks (not process-local locks) wherever concurrent replicas could race.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly NpgsqlDataSource _source;

    static PostgresDatabase()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new VectorTypeHandler());
    }

    public PostgresDatabase(string connectionString)
    {
        // Migrate before the data source is built: the pgvector extension the first migration creates must
        // exist when the data source loads the database's types.
        PostgresMigrations.Apply(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        _source = builder.Build();
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        return await read(connection);
    }

    /// <summary>Runs <paramref name="write"/> in one transaction, committed only if it returns normally.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken ct = default)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await write(connection, transaction);
        // Committed whatever happens to the caller now: a write that reached this point is done.
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    public Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> write, CancellationToken ct = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await write(connection, transaction);
            return true;
        }, ct);

    /// <summary>A connection for the few callers that must be synchronous (the Data Protection key repository).</summary>
    internal Npgsql.NpgsqlConnection OpenConnection() => _source.OpenConnection();

    public void Dispose() => _source.Dispose();
}
