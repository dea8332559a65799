namespace Parley.Bench.Tests;

public class BenchOptionsTests
{
    [Fact]
    public void Parse_EvalModes_ReadsConversationsFollowupsAndUnanswerable()
    {
        var options = BenchOptions.Parse(["eval", "--corpus", "http://127.0.0.1:8099/index.html", "--questions", "q.jsonl",
            "--conversations", "5", "--followups", "f.jsonl", "--unanswerable", "u.jsonl"]);

        Assert.Equal(5, options.Conversations);
        Assert.Equal("f.jsonl", options.Followups);
        Assert.Equal("u.jsonl", options.Unanswerable);
    }

    [Fact]
    public void Parse_NoConversations_AsksAloneOnly()
    {
        Assert.Equal(0, BenchOptions.Parse(["eval", "--questions", "q.jsonl"]).Conversations);
    }

    [Fact]
    public void Parse_ZeroConversations_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["eval", "--conversations", "0"]));
    }

    [Fact]
    public void Parse_EvalDiff_TakesTwoFiles()
    {
        var options = BenchOptions.Parse(["eval-diff", "a.json", "b.json"]);

        Assert.Equal("eval-diff", options.Command);
        Assert.Equal(["a.json", "b.json"], options.DiffFiles);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["eval-diff", "a.json"]));
    }

    [Fact]
    public void Parse_NoGenerator_UsesTheInstantOne()
    {
        var options = BenchOptions.Parse(["chat"]);

        Assert.Equal("instant", options.Generator);
    }

    [Fact]
    public void Parse_GeneratorOffline_KeepsTheServersGenerator()
    {
        var options = BenchOptions.Parse(["chat", "--generator", "offline", "--duration", "6"]);

        Assert.Equal(("chat", "offline", TimeSpan.FromSeconds(6)), (options.Command, options.Generator, options.Duration));
    }

    [Fact]
    public void Parse_UnknownGenerator_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["chat", "--generator", "openai"]));

        Assert.Contains("instant or offline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultTurn_TakesTheLoadOptions()
    {
        var options = BenchOptions.Parse(["default-turn", "--concurrency", "1,32", "--warmup", "2"]);

        Assert.Equal("default-turn", options.Command);
        Assert.Equal([1, 32], options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Warmup);
        Assert.Equal((200, 50), (options.Sources, options.ChunksPerSource));
    }
}
