namespace Parley.Server.Knowledge.Index;

/// <summary>
/// One bot's knowledge, indexed both ways: by words (BM25) and by meaning (embeddings, when there are any),
/// with the model whose vectors <see cref="Vectors"/> holds, which must embed the questions too.
/// </summary>
public sealed record KnowledgeIndex(LexicalIndex Lexical, VectorIndex? Vectors, Embeddings.EmbeddingModel Model)
{
    public int Count => Lexical.Count;
}
