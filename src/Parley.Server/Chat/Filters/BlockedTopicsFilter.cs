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
    // From which cosine a sentence is about a topic: the bot's model's own level (SimilarityScale.OnTopic, measured per
    // model), unless the operator sets one bar for every model.
    private readonly double? _similarity = configuration.GetValue<double?>("Parley:Filters:TopicSimilarity");

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
        var bound = embedder.ModelOf(context.Bot);
        if (sentences.Count == 0 || bound.Generator is not { } model)
            return false;
        var bar = _similarity ?? bound.Scale.OnTopic;
        var vectors = await model.GenerateAsync([.. topics, .. sentences], cancellationToken: ct);
        for (var t = 0; t < topics.Count; t++)
        {
            for (var s = topics.Count; s < vectors.Count; s++)
            {
                if (TensorPrimitives.CosineSimilarity(vectors[t].Vector.Span, vectors[s].Vector.Span) >= bar)
                    return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
