using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// How many rows a server keeps about something, read from its database on either backend, for tests of what must
/// no longer be stored once it is deleted (feedback, say, which no API lists once its conversation is gone).
/// </summary>
public static class StoredRows
{
    public static async Task<long> CountAsync(ParleyApp app, string table, string column, string value)
    {
        var sql = $"SELECT COUNT(*) FROM {table} WHERE {column} = @value";
        if (app.ConnectionString is { } database)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("value", value);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        var file = Path.Combine(app.DataDirectory, "parley.db");
        await using var sqlite = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        await sqlite.OpenAsync();
        await using var query = sqlite.CreateCommand();
        query.CommandText = sql;
        query.Parameters.AddWithValue("@value", value);
        return Convert.ToInt64(await query.ExecuteScalarAsync());
    }
}
