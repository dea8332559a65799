namespace Parley.Server.Tests.Conformance;

/// <summary>
/// The reference Chat API documentation Parley must stay wire-compatible with. It is not part of this
/// repository: CI lays it out beside the repository, at <c>&lt;repo&gt;/../shared/seed/chat-api-docs.txt</c>.
/// It is a text capture of a web page, so its examples are cut out by their first and last words.
/// </summary>
public sealed class SeedDocument : ExampleSource
{
    private SeedDocument(string path)
        : base(path)
    {
    }

    public static string ExpectedPath =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "seed", "chat-api-docs.txt"));

    public static bool IsPresent => File.Exists(ExpectedPath);

    public static bool RunsInCi => Environment.GetEnvironmentVariable("CI") == "true";

    public override IReadOnlyList<string> DocumentedHosts => ["https://app.chatbotiq.eu"];

    public override string BotIdPlaceholder => "YOUR-BOT-ID";

    public override string ConversationIdPlaceholder => "CONVERSATION-ID-FROM-FIRST-RESPONSE";

    public override string Curl => CurlCommands().First(c => !c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    public override string FollowUpCurl => CurlCommands().Single(c => c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    /// <summary>
    /// The <c>chat</c> function, from its signature to the brace that closes it, exported so a test can call it
    /// (the page shows a bare function for the reader to paste into their own code).
    /// </summary>
    public override string JavaScript
    {
        get
        {
            var function = Between("async function chat(", "return fullResponse;");
            var start = Text.IndexOf(function, StringComparison.Ordinal);
            var close = Text.IndexOf('}', start + function.Length);
            Assert.True(close >= 0, $"No brace closes the JavaScript example after its return, in {Path}.");
            return Text[start..(close + 1)] + "\n\nexport { chat }; // Added by the test, so it can call the function.\n";
        }
    }

    /// <summary>
    /// The Python example from its imports to the function's return, with the indentation the page capture
    /// lost put back; nothing but whitespace may change.
    /// </summary>
    public override string Python
    {
        get
        {
            var flat = Between("import requests", "return full_response");
            var restored = PythonIndentation.Restore(flat);
            Assert.Equal(Lines(flat), Lines(restored));
            return restored;
        }
    }

    /// <summary>
    /// The document beside the repository. A test reaches this only when it runs: without CI a missing document
    /// skips it first (see <see cref="SeedDocumentFactAttribute"/>), under CI=true a missing one fails it here.
    /// </summary>
    public static SeedDocument Load()
    {
        if (!IsPresent)
        {
            Assert.Fail($"The reference Chat API document is missing: expected {ExpectedPath}, beside the repository " +
                        $"{RepositoryRoot()}. " +
                        (RunsInCi
                            ? "CI=true: its examples must run, never skip; lay out the shared folder beside the repository as CI does."
                            : "Put it there to run its examples."));
        }

        return new SeedDocument(ExpectedPath);
    }

    /// <summary>Every curl command: from <c>curl </c> to the quote that closes its <c>-d</c> body.</summary>
    private List<string> CurlCommands()
    {
        var commands = new List<string>();
        for (var start = Text.IndexOf("curl ", StringComparison.Ordinal); start >= 0; start = Text.IndexOf("curl ", start + 1, StringComparison.Ordinal))
        {
            var end = Text.IndexOf("}'", start, StringComparison.Ordinal);
            if (end >= 0)
                commands.Add(Text[start..(end + 2)]);
        }

        Assert.True(commands.Count >= 2, $"Expected two curl examples in {Path}, found {commands.Count}.");
        return commands;
    }

    /// <summary>The text from the first <paramref name="first"/> through the next <paramref name="last"/>.</summary>
    private string Between(string first, string last)
    {
        var start = Text.IndexOf(first, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{first}' is not in {Path}; the documentation changed shape.");
        var end = Text.IndexOf(last, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"'{last}' does not follow '{first}' in {Path}; the documentation changed shape.");
        return Text[start..(end + last.Length)];
    }

    private static string[] Lines(string code) =>
        code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
