using Parley.Core.Knowledge;

namespace Parley.Server.Knowledge.Index;

/// <summary>
/// A chunk found for a query: <see cref="Coverage"/> is the weighted share of the query's words it holds,
/// <see cref="Bm25"/> how strongly it holds them.
/// </summary>
public readonly record struct LexicalMatch(StoredChunk Chunk, double Coverage, double Bm25);
