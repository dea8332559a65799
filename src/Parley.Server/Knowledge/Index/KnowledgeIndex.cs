namespace Parley.Server.Knowledge.Index;

/// <summary>One bot's knowledge, indexed both ways: by words (BM25) and by meaning (embeddings, when there are any).</summary>
public sealed record KnowledgeIndex(LexicalIndex Lexical, VectorIndex? Vectors)
{
    public int Count => Lexical.Count;
}
