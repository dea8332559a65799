using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// Runs the seed documentation's examples against a local server with the tools a reader would use:
/// bash for curl, node for JavaScript, python3 for Python. Only the host and the placeholders change;
/// the functions get a few lines that call them and print what they return.
/// </summary>
public sealed class SeedExampleRunner(SeedDocument document, Uri server)
{
    // Printed before the JSON of the function's return value, on a line of its own.
    private const string ReturnedMarker = "RETURNED-BY-EXAMPLE: ";

    private static readonly string JavaScriptCall = $$"""

        // Added by the test: call the documented function once and print what it returned.
        const [botId, message, sessionId, conversationId] = process.argv.slice(2);
        const returned = await chat(botId, message, sessionId, conversationId);
        console.log('\n{{ReturnedMarker}}' + JSON.stringify(returned));

        """;

    private static readonly string PythonCall = $$"""

        # Added by the test: call the documented function once and print what it returned.
        import sys
        returned = chat(*sys.argv[1:])
        print('\n{{ReturnedMarker}}' + json.dumps(returned))

        """;

    private string Host => server.GetLeftPart(UriPartial.Authority);

    public Task<ProcessResult> CurlAsync(string botId) =>
        RunCurlAsync(Local(document.Curl).Replace(SeedDocument.BotIdPlaceholder, botId, StringComparison.Ordinal));

    public Task<ProcessResult> FollowUpCurlAsync(string botId, string conversationId) =>
        RunCurlAsync(Local(document.FollowUpCurl)
            .Replace(SeedDocument.BotIdPlaceholder, botId, StringComparison.Ordinal)
            .Replace(SeedDocument.ConversationIdPlaceholder, conversationId, StringComparison.Ordinal));

    public Task<ExampleRun> JavaScriptAsync(params string[] arguments) =>
        RunFunctionAsync(RequiredTool.Node, "chat.mjs", Local(document.JavaScript) + "\n" + JavaScriptCall, arguments);

    public Task<ExampleRun> PythonAsync(params string[] arguments)
    {
        var flat = Local(document.Python);
        var restored = PythonIndentation.Restore(flat);
        Assert.Equal(Lines(flat), Lines(restored));
        return RunFunctionAsync(RequiredTool.Python, "chat.py", restored + PythonCall, arguments);
    }

    private static async Task<ProcessResult> RunCurlAsync(string command)
    {
        _ = RequiredTool.Curl;
        return await ProcessRunner.RunAsync(RequiredTool.Bash, ["-c", command]);
    }

    private static async Task<ExampleRun> RunFunctionAsync(string interpreter, string fileName, string script, string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("parley-seed-example-");
        try
        {
            var path = Path.Combine(directory.FullName, fileName);
            await File.WriteAllTextAsync(path, script);
            var result = await ProcessRunner.RunAsync(interpreter, [path, .. arguments], directory.FullName,
                new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });

            var lines = result.StandardOutput.ReplaceLineEndings("\n").Split('\n');
            var marker = Array.FindLastIndex(lines, l => l.StartsWith(ReturnedMarker, StringComparison.Ordinal));
            var returned = marker < 0 ? null : JsonSerializer.Deserialize<string>(lines[marker][ReturnedMarker.Length..]);
            var printed = marker < 0 ? result.StandardOutput : string.Join('\n', lines.Where((_, i) => i != marker));
            return new ExampleRun(result, printed, returned);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The example pointed at the test server; fails if it no longer names the documented host.</summary>
    private string Local(string example)
    {
        Assert.Contains(SeedDocument.DocumentedHost, example, StringComparison.Ordinal);
        return example.Replace(SeedDocument.DocumentedHost, Host, StringComparison.Ordinal);
    }

    private static string[] Lines(string code) =>
        code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
