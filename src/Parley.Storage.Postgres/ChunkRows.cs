using Dapper;
using Npgsql;
using NpgsqlTypes;
using Parley.Core.Knowledge;
using Pgvector;

namespace Parley.Storage.Postgres;

/// <summary>Writing and reading the chunks table, shared by the knowledge and ingestion stores.</summary>
internal static class ChunkRows
{
    /// <summary>
    /// Inserts a source's (or a page's) chunks with binary COPY: one round trip however many chunks, which
    /// matters for large documents and for imports of whole deployments. COPY joins the connection's open transaction.
    /// </summary>
    public static async Task InsertAsync(
        NpgsqlConnection c, string botId, string sourceId, string? pageUrl, IReadOnlyList<Chunk> chunks, CancellationToken ct)
    {
        if (chunks.Count == 0)
            return;
        await using var writer = await c.BeginBinaryImportAsync(
            "COPY chunks (bot_id, source_id, ordinal, page_title, url, heading, text, page_url, embedding, embedding_model, terms) FROM STDIN (FORMAT BINARY)",
            ct);
        foreach (var chunk in chunks)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(botId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(sourceId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(chunk.PageTitle, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, chunk.Url, ct);
            await WriteNullableAsync(writer, chunk.Heading, ct);
            await writer.WriteAsync(chunk.Text, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, pageUrl, ct);
            if (chunk.Embedding is null)
                await writer.WriteNullAsync(ct);
            else
                await writer.WriteAsync(new Vector(chunk.Embedding), "vector", ct);
            await WriteNullableAsync(writer, chunk.EmbeddingModel, ct);
            await writer.WriteAsync(SearchTerms.Of(chunk.PageTitle, chunk.Heading, chunk.Text), NpgsqlDbType.TsVector, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null)
            await writer.WriteNullAsync(ct);
        else
            await writer.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}

internal sealed class ChunkRow
{
    public long ChunkId { get; set; }
    public string SourceId { get; set; } = "";
    public string SourceType { get; set; } = "";
    public string PageTitle { get; set; } = "";
    public string? Url { get; set; }
    public string? Heading { get; set; }
    public string Text { get; set; } = "";
    public Vector? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }

    public StoredChunk ToChunk() =>
        new(ChunkId, SourceId, Enum.Parse<SourceType>(SourceType), PageTitle, Url, string.IsNullOrEmpty(Heading) ? null : Heading, Text,
            Embeddings.FromVector(Embedding), EmbeddingModel);
}
