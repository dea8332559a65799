using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Writes a whole embedded deployment as an archive that another backend imports: every row of every table,
/// one JSON line each (<c>{"table":…,"row":{…}}</c>), and the Data Protection key ring beside the database,
/// so secrets encrypted here stay readable there. Embeddings become arrays of floats; everything else is
/// written as stored (Unix milliseconds, thousandths of credits, bot settings as their JSON document).
/// </summary>
public static class SqliteExport
{
    public const string Format = "parley-archive/1";

    /// <summary>Every table, parents before children.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        ["workspaces", "api_keys", "bots", "sources", "pages", "frontier", "page_visits", "jobs", "chunks", "saved_questions", "conversations", "messages", "feedback", "credit_reservations", "refused_origins", "question_groups", "question_group_members"];

    public static async Task<IReadOnlyDictionary<string, int>> WriteAsync(string databasePath, string? keysDirectory, Stream output, CancellationToken ct = default)
    {
        if (!File.Exists(databasePath))
            throw new FileNotFoundException($"No Parley database at {databasePath}.", databasePath);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var writer = new StreamWriter(output, leaveOpen: true);
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { format = Format }));

        // Read-only, and migrated first by opening it the usual way, so an older file exports in today's shape.
        using (new SqliteDatabase(databasePath))
        {
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(ct);
        foreach (var table in Tables)
        {
            var count = 0;
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table}"))
            {
                var values = row.ToDictionary(c => c.Key, c => c.Value is byte[] blob && c.Key == "embedding" ? Vectors.FromBytes(blob) : c.Value);
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { table, row = values }));
                count++;
            }

            counts[table] = count;
        }

        var keys = 0;
        if (keysDirectory is not null && Directory.Exists(keysDirectory))
        {
            foreach (var file in Directory.GetFiles(keysDirectory, "*.xml").Order(StringComparer.Ordinal))
            {
                var row = new Dictionary<string, object?> { ["name"] = Path.GetFileNameWithoutExtension(file), ["xml"] = await File.ReadAllTextAsync(file, ct) };
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { table = "data_protection_keys", row }));
                keys++;
            }
        }

        counts["data_protection_keys"] = keys;
        return counts;
    }
}
