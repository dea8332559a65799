using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Storage.Postgres;

/// <summary>How documents stored as JSON columns are written: snake_case, enums by name.</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
