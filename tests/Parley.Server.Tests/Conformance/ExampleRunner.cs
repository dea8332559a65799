using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// Runs a document's examples against a local server with the tools a reader would use: bash for curl, node for
/// JavaScript, python3 for Python. Only the host and the placeholders change. A test's own program calls the
/// JavaScript or Python example (saved beside it as <c>example.mjs</c> or <c>example.py</c>) and prints what it
/// wants to check after <see cref="ReportMarker"/>, as JSON.
/// </summary>
public sealed class ExampleRunner(ExampleSource source, Uri server)
{
    /// <summary>Starts the line on which a test's program prints its report.</summary>
    public const string ReportMarker = "REPORTED-BY-TEST: ";

    private string Host => server.GetLeftPart(UriPartial.Authority);

    public Task<ProcessResult> CurlAsync(string botId) => RunCurlAsync(Local(source.Curl, botId));

    public Task<ProcessResult> FollowUpCurlAsync(string botId, string conversationId) =>
        RunCurlAsync(Local(source.FollowUpCurl, botId).Replace(source.ConversationIdPlaceholder, conversationId, StringComparison.Ordinal));

    public Task<ExampleRun> JavaScriptAsync(string botId, string program, params string[] arguments) =>
        RunProgramAsync(RequiredTool.Node, "mjs", Local(source.JavaScript, botId), program, arguments);

    public Task<ExampleRun> PythonAsync(string botId, string program, params string[] arguments) =>
        RunProgramAsync(RequiredTool.Python, "py", Local(source.Python, botId), program, arguments);

    private static async Task<ProcessResult> RunCurlAsync(string command)
    {
        _ = RequiredTool.Curl;
        return await ProcessRunner.RunAsync(RequiredTool.Bash, ["-c", command]);
    }

    private static async Task<ExampleRun> RunProgramAsync(string interpreter, string extension, string example, string program, string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("parley-example-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, $"example.{extension}"), example);
            var main = Path.Combine(directory.FullName, $"main.{extension}");
            await File.WriteAllTextAsync(main, program);
            var result = await ProcessRunner.RunAsync(interpreter, [main, .. arguments], directory.FullName,
                new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });

            var lines = result.StandardOutput.ReplaceLineEndings("\n").Split('\n');
            var marker = Array.FindLastIndex(lines, l => l.StartsWith(ReportMarker, StringComparison.Ordinal));
            JsonElement? reported = marker < 0 ? null : JsonDocument.Parse(lines[marker][ReportMarker.Length..]).RootElement.Clone();
            var printed = marker < 0 ? result.StandardOutput : string.Join('\n', lines.Where((_, i) => i != marker));
            return new ExampleRun(result, printed, reported);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The example pointed at the test server and the bot; fails if it names none of the documented hosts.</summary>
    private string Local(string example, string botId)
    {
        Assert.True(source.DocumentedHosts.Any(h => example.Contains(h, StringComparison.Ordinal)),
            $"The example names none of the documented hosts ({string.Join(", ", source.DocumentedHosts)}) in {source.Path}:\n{example}");
        foreach (var host in source.DocumentedHosts)
            example = example.Replace(host, Host, StringComparison.Ordinal);
        return example.Replace(source.BotIdPlaceholder, botId, StringComparison.Ordinal);
    }
}
