namespace Parley.Server.Tests.Hosting;

/// <summary>Reads what the server prints on start-up the way a person reads it: by its labels.</summary>
public static class PrintedBanner
{
    /// <summary>The banner has been printed through the last line of its curl command.</summary>
    public static bool IsComplete(string output) => CurlCommand(output) is not null;

    public static string? Playground(string output) => Label(output, "Playground");

    public static string? AdminKeyLine(string output) => Label(output, "Admin key");

    public static string? DemoBot(string output) => Label(output, "Demo bot");

    /// <summary>The key itself, read as the first word of its line (what someone would copy).</summary>
    public static string? AdminKey(string output) => AdminKeyLine(output)?.Split(' ')[0];

    /// <summary>The curl command as printed: from <c>curl</c> through the last line its backslashes continue to.</summary>
    public static string? CurlCommand(string output)
    {
        // Output is kept as whole lines, each ending in '\n': the last element of the split is no line at all.
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal));
        if (start < 0)
            return null;

        var end = start;
        while (lines[end].TrimEnd().EndsWith('\\'))
        {
            if (++end >= lines.Length - 1)
                return null;
        }

        return string.Join('\n', lines[start..(end + 1)]);
    }

    private static string? Label(string output, string label) =>
        output.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith(label + ":", StringComparison.Ordinal))?[(label.Length + 1)..].Trim();
}
