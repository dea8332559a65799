using System.Collections.Concurrent;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Generation;

/// <summary>
/// Sentence embeddings for the extractive generator, remembered per embedding model: the same passages answer
/// many questions, so after the first few answers most sentences are already embedded and only the question is new.
/// </summary>
public sealed class SentenceVectors
{
    // About 1.5 KB a sentence with MiniLM: the memory stays near 15 MB. Forgetting everything at once when
    // full is crude, but costs only a refill, and keeps the cache free of bookkeeping on the answer path.
    private const int MaxSentences = 10_000;

    private readonly ConcurrentDictionary<(string? Model, string Text), float[]> _known = new();

    public async Task<IReadOnlyList<float[]>?> EmbedAsync(EmbeddingModel model, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var missing = texts.Where(t => !_known.ContainsKey((model.Id, t))).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            if (await ChunkEmbedder.EmbedTextsAsync(model, missing, ct) is not { } vectors)
                return null;
            if (_known.Count + missing.Count > MaxSentences)
                _known.Clear();
            for (var i = 0; i < missing.Count; i++)
                _known[(model.Id, missing[i])] = vectors[i];
        }

        var found = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            // Another answer may have cleared the cache in between: embed what went missing again.
            if (!_known.TryGetValue((model.Id, texts[i]), out var vector))
                return await ChunkEmbedder.EmbedTextsAsync(model, texts, ct);
            found[i] = vector;
        }

        return found;
    }
}
