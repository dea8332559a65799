using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// Blocks an answer that talks about one of the bot's blocked topics. A topic is found by its words (every content
/// word of "medical advice", in any form, in one sentence) and, when the bot has an embedding model, by meaning: a
/// sentence of the answer close to the topic's description, as the same model that finds the bot's knowledge sees them.
/// </summary>
public sealed partial class BlockedTopicsFilter(ChunkEmbedder embedder, IConfiguration configuration) : IAnswerFilter
{
    // Cosine similarity of all-MiniLM-L6-v2 from which a sentence is about a topic. Measured on 5 topic names against
    // 10 sentences: five of six sentences on a topic scored 0.30–0.51 (a tax law against "politics" only 0.14), while
    // the 44 pairs off topic scored at most 0.14. Other models may want another bar: Parley:Filters:TopicSimilarity.
    private readonly double _similarity = configuration.GetValue("Parley:Filters:TopicSimilarity", 0.25);

    public async ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct)
    {
        var topics = context.Bot.Filters.BlockedTopics;
        if (topics.Count == 0)
            return FilterOutcome.Keep(answer);

        var sentences = SentenceEnd().Split(answer).Where(s => QueryTerms.Extract(s).Count > 0).ToList();
        if (sentences.Any(s => topics.Any(t => Mentions(s, t))) || await ResemblesAsync(context, sentences, topics, ct))
            return new FilterOutcome(FilterVerdict.Block, answer);
        return FilterOutcome.Keep(answer);
    }

    private static bool Mentions(string sentence, string topic)
    {
        var said = QueryTerms.Extract(sentence).Select(QueryTerms.Stem).ToHashSet(StringComparer.Ordinal);
        var wanted = QueryTerms.Extract(topic);
        return wanted.Count > 0 && wanted.All(w => said.Contains(QueryTerms.Stem(w)));
    }

    private async Task<bool> ResemblesAsync(FilterContext context, List<string> sentences, IReadOnlyList<string> topics, CancellationToken ct)
    {
        if (sentences.Count == 0 || embedder.ModelOf(context.Bot).Generator is not { } model)
            return false;
        var vectors = await model.GenerateAsync([.. topics, .. sentences], cancellationToken: ct);
        for (var t = 0; t < topics.Count; t++)
        {
            for (var s = topics.Count; s < vectors.Count; s++)
            {
                if (TensorPrimitives.CosineSimilarity(vectors[t].Vector.Span, vectors[s].Vector.Span) >= _similarity)
                    return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
