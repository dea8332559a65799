using System.Text.Json;
using Dapper;
using Npgsql;
using Pgvector;

namespace Parley.Storage.Postgres;

/// <summary>
/// Loads an archive written by the SQLite backend's export into an empty PostgreSQL database, in one
/// transaction: either the whole deployment arrives or nothing does. Row ids (chunk ids, message order)
/// are kept as they were, and the identity sequences continue after them.
/// </summary>
public static class PostgresImport
{
    public const string Format = "parley-archive/1";

    private static readonly HashSet<string> Tables =
        ["workspaces", "api_keys", "bots", "sources", "pages", "frontier", "page_visits", "jobs", "chunks", "saved_questions", "conversations", "messages", "feedback", "credit_reservations", "refused_origins", "question_groups", "question_group_members", "data_protection_keys"];

    // SQLite keeps these as 0/1 integers.
    private static readonly HashSet<string> BooleanColumns = ["interrupted", "visited", "kept"];

    public static async Task<IReadOnlyDictionary<string, int>> ReadAsync(Stream input, string connectionString, CancellationToken ct = default)
    {
        using var database = new PostgresDatabase(connectionString); // migrates the schema
        return await database.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM workspaces) OR EXISTS (SELECT 1 FROM bots)", transaction: tx))
                throw new InvalidOperationException("The PostgreSQL database already holds a deployment; import only into an empty one.");

            using var reader = new StreamReader(input, leaveOpen: true);
            var header = await reader.ReadLineAsync(ct);
            if (header is null || JsonDocument.Parse(header).RootElement.GetProperty("format").GetString() != Format)
                throw new InvalidDataException($"Not a {Format} archive.");

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadLineAsync(ct) is { Length: > 0 } line)
            {
                using var document = JsonDocument.Parse(line);
                var table = document.RootElement.GetProperty("table").GetString()!;
                if (!Tables.Contains(table))
                    throw new InvalidDataException($"Unknown table '{table}' in the archive.");
                var row = document.RootElement.GetProperty("row");
                var parameters = new DynamicParameters();
                var columns = new List<string>();
                foreach (var column in row.EnumerateObject())
                {
                    columns.Add(column.Name);
                    parameters.Add(column.Name, ValueOf(column.Name, column.Value));
                }

                // Ids are the archive's own, so chunks keep their ids and messages their order.
                var overriding = table is "chunks" or "messages" ? "OVERRIDING SYSTEM VALUE" : "";
                await c.ExecuteAsync(
                    $"INSERT INTO {table} ({string.Join(", ", columns)}) {overriding} VALUES ({string.Join(", ", columns.Select(n => "@" + n))})",
                    parameters, tx);
                counts[table] = counts.GetValueOrDefault(table) + 1;
            }

            await c.ExecuteAsync(
                """
                SELECT setval(pg_get_serial_sequence('chunks', 'id'), coalesce((SELECT max(id) FROM chunks), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('messages', 'seq'), coalesce((SELECT max(seq) FROM messages), 0) + 1, false);
                """, transaction: tx);
            await SearchTerms.FillMissingAsync(c, tx, ct); // SQLite keeps no search terms; they are made here.
            return (IReadOnlyDictionary<string, int>)counts;
        }, ct);
    }

    private static object? ValueOf(string column, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when BooleanColumns.Contains(column) => value.GetInt64() != 0,
        JsonValueKind.Number => IntegerOrReal(value),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array when column == "embedding" => new Vector(value.EnumerateArray().Select(e => e.GetSingle()).ToArray()),
        _ => throw new InvalidDataException($"Unexpected value for column '{column}': {value}"),
    };

    // Columns declared integer in PostgreSQL reject a bigint parameter, so small numbers go as int.
    private static object IntegerOrReal(JsonElement value) =>
        value.TryGetInt32(out var small) ? small : value.TryGetInt64(out var large) ? large : value.GetDouble();
}
