using Microsoft.Extensions.AI;

namespace Parley.Embeddings.Local;

/// <summary>
/// Says that the texts of a call are search queries, not the documents searched. Models trained asymmetrically
/// (arctic-embed, bge, e5) embed a query with an instruction and a document without; a model that treats both alike
/// ignores the marker, and so does any generator that does not know it.
/// </summary>
public static class QueryMarker
{
    /// <summary>The key in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; its value is <c>true</c>.</summary>
    public const string Key = "parley.search_query";

    /// <summary>A copy of <paramref name="options"/> (or new options) with the marker set.</summary>
    public static EmbeddingGenerationOptions Mark(EmbeddingGenerationOptions? options = null)
    {
        var marked = options?.Clone() ?? new EmbeddingGenerationOptions();
        (marked.AdditionalProperties ??= [])[Key] = true;
        return marked;
    }

    /// <summary>Whether the call embeds search queries.</summary>
    public static bool IsSet(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is true;
}
