namespace Parley.Server.Tests.Conformance;

/// <summary>
/// Parley's own Chat API documentation, <c>docs/chat-api.md</c>: what a user copies, so its examples must work
/// on every clone. They are the fenced code blocks of the page, taken whole.
/// </summary>
public sealed class ChatApiDocument : ExampleSource
{
    private ChatApiDocument(string path)
        : base(path)
    {
    }

    public override IReadOnlyList<string> DocumentedHosts => ["http://127.0.0.1:5080", "https://chat.example.com"];

    public override string BotIdPlaceholder => "BOT_ID";

    public override string ConversationIdPlaceholder => "CONVERSATION_ID";

    public override string Curl => ChatCurls().Single(c => !c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    public override string FollowUpCurl => ChatCurls().Single(c => c.Contains(ConversationIdPlaceholder, StringComparison.Ordinal));

    /// <summary>The <c>askBot</c> function and the lines that show how a page uses it.</summary>
    public override string JavaScript => Blocks("js").Single();

    /// <summary>The <c>ask_bot</c> function and the two calls that show a conversation.</summary>
    public override string Python => Blocks("python").Single();

    public static ChatApiDocument Load() =>
        new(System.IO.Path.Combine(RepositoryRoot(), "docs", "chat-api.md"));

    private List<string> ChatCurls()
    {
        var curls = Blocks("sh").Where(b => b.StartsWith("curl ", StringComparison.Ordinal) && b.Contains("/chat/stream", StringComparison.Ordinal)).ToList();
        Assert.True(curls.Count == 2, $"Expected two chat curl examples in {Path}, found {curls.Count}.");
        return curls;
    }

    /// <summary>The text of every code block fenced as <paramref name="language"/>, without its fences.</summary>
    private List<string> Blocks(string language)
    {
        var blocks = new List<string>();
        var lines = Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```" + language)
                continue;
            var close = Array.IndexOf(lines, "```", i + 1);
            Assert.True(close > i, $"The ```{language} block at line {i + 1} of {Path} is never closed.");
            blocks.Add(string.Join('\n', lines[(i + 1)..close]) + "\n");
            i = close;
        }

        Assert.True(blocks.Count > 0, $"No ```{language} block in {Path}; the documentation changed shape.");
        return blocks;
    }
}
