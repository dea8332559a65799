using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>
/// The product documentation Parley must stay wire-compatible with. Its examples are read from the file at
/// test time, never copied into this repository, so a change to the documentation is tested as it stands.
/// </summary>
public sealed class SeedDocument
{
    /// <summary>The host the documentation's examples call; tests point them at a local server instead.</summary>
    public const string DocumentedHost = "https://app.chatbotiq.eu";

    public const string BotIdPlaceholder = "YOUR-BOT-ID";
    public const string ConversationIdPlaceholder = "CONVERSATION-ID-FROM-FIRST-RESPONSE";

    private SeedDocument(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The first curl example: a new conversation.</summary>
    public string Curl => CurlCommands().First(c => !c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    /// <summary>The curl example that continues a conversation.</summary>
    public string FollowUpCurl => CurlCommands().Single(c => c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    /// <summary>The JavaScript <c>chat</c> function, from its signature to the brace that closes it.</summary>
    public string JavaScript
    {
        get
        {
            var function = Between("async function chat(", "return fullResponse;");
            var start = Text.IndexOf(function, StringComparison.Ordinal);
            var close = Text.IndexOf('}', start + function.Length);
            Assert.True(close >= 0, $"No brace closes the JavaScript example after its return, in {Path}.");
            return Text[start..(close + 1)];
        }
    }

    /// <summary>The Python example as the file has it, from its imports to the function's return.</summary>
    public string Python => Between("import requests", "return full_response");

    /// <summary>
    /// Found beside the repository, as CI lays it out: <c>&lt;repo&gt;/../shared/seed/chat-api-docs.txt</c>, where
    /// the repository root is the first folder above the test binaries that holds <c>Parley.slnx</c>.
    /// </summary>
    public static SeedDocument Load()
    {
        var root = RepositoryRoot();
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared", "seed", "chat-api-docs.txt"));
        if (!File.Exists(path))
            Assert.Fail($"The seed documentation is missing: expected {path} (the repository is {root}). " +
                        "The conformance tests run its examples and never skip." +
                        (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true)" : ""));
        return new SeedDocument(path, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Parley.slnx")))
                return directory.FullName;
        }

        Assert.Fail($"No folder above {AppContext.BaseDirectory} holds Parley.slnx, so the seed documentation cannot be found.");
        return "";
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
}
