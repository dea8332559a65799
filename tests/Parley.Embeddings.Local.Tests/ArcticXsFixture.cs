namespace Parley.Embeddings.Local.Tests;

/// <summary>One loaded arctic-embed-xs for the whole assembly, as <see cref="MiniLmFixture"/> is for MiniLM.</summary>
public sealed class ArcticXsFixture : IDisposable
{
    public ArcticXsEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ArcticXsCollection : ICollectionFixture<ArcticXsFixture>
{
    public const string Name = "ArcticXs";
}
