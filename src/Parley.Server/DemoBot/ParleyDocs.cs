using System.Reflection;

namespace Parley.Server.DemoBot;

/// <summary>Parley's own documentation, embedded in the server: the demo bot's knowledge, also served at <c>/docs/</c>.</summary>
public static class ParleyDocs
{
    private const string Prefix = "docs/";

    public static IEnumerable<string> Names =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order();

    public static string? Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The first Markdown heading, or the file name.</summary>
    public static string TitleOf(string name, string markdown) =>
        markdown.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
        ?? Path.GetFileNameWithoutExtension(name);

    private static Assembly Assembly => typeof(ParleyDocs).Assembly;
}
