namespace Parley.Server.Tests.Conformance;

/// <summary>
/// A document whose curl, JavaScript and Python examples the conformance tests run against a live Parley:
/// where it is, how its examples are cut out of it, and what in them a test replaces (the host and the ids).
/// The examples are read from the file at test time, never copied into the tests, so a change to the
/// document is tested as it stands.
/// </summary>
public abstract class ExampleSource
{
    protected ExampleSource(string path)
    {
        Path = path;
        Text = File.ReadAllText(path).ReplaceLineEndings("\n");
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The hosts the examples call; tests point them at a local server instead.</summary>
    public abstract IReadOnlyList<string> DocumentedHosts { get; }

    /// <summary>What the examples hold where a reader puts their bot's ID.</summary>
    public abstract string BotIdPlaceholder { get; }

    /// <summary>What the follow-up example holds where a reader puts the conversation's ID.</summary>
    public abstract string ConversationIdPlaceholder { get; }

    /// <summary>The curl command that starts a conversation.</summary>
    public abstract string Curl { get; }

    /// <summary>The curl command that continues a conversation.</summary>
    public abstract string FollowUpCurl { get; }

    /// <summary>The JavaScript example, ready to save as an ES module.</summary>
    public abstract string JavaScript { get; }

    /// <summary>The Python example, ready to save as a module.</summary>
    public abstract string Python { get; }

    /// <summary>The first folder above the test binaries that holds <c>Parley.slnx</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Parley.slnx")))
                return directory.FullName;
        }

        Assert.Fail($"No folder above {AppContext.BaseDirectory} holds Parley.slnx, so the documentation cannot be found.");
        return "";
    }

    public override string ToString() => Path;
}
