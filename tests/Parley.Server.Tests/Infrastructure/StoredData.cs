using System.Text;
using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Everything a server has put at rest, searched for a text: every file of its data directory (the SQLite
/// database, its write-ahead log, key files) and, on PostgreSQL, every row of every table of its database.
/// Tests of what must never be stored in plain text ask it where a text is, so they hold on either backend.
/// </summary>
public static class StoredData
{
    /// <summary>The files and tables holding <paramref name="text"/>; empty when it is stored nowhere.</summary>
    public static async Task<IReadOnlyList<string>> PlacesHoldingAsync(ParleyApp app, string text)
    {
        var places = FilesHolding(app.DataDirectory, Encoding.UTF8.GetBytes(text));
        if (app.ConnectionString is { } database)
            places.AddRange(await TablesHoldingAsync(database, text));
        return places;
    }

    private static List<string> FilesHolding(string directory, byte[] needle)
    {
        var places = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            // The server holds these files open (SQLite and its -wal/-shm), so read without asking for exclusivity.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            if (bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(needle) >= 0)
                places.Add(file);
        }

        return places;
    }

    private static async Task<List<string>> TablesHoldingAsync(string database, string text)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        // A row as text shows every column, bytea as lowercase hex: look for the text both ways.
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));
        var places = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, @text) > 0 OR strpos(t::text, @hex) > 0)", connection);
            search.Parameters.AddWithValue("text", text);
            search.Parameters.AddWithValue("hex", hex);
            if ((bool)(await search.ExecuteScalarAsync())!)
                places.Add(table);
        }

        return places;
    }
}
