using Parley.Bench.Load;
using Parley.Bench.Reporting;

namespace Parley.Bench.Tests.Reporting;

public class DefaultTurnTableTests
{
    [Fact]
    public void Targets_ChatCloseToSearch_SaysBothMet()
    {
        PhaseResult[] rows =
        [
            Row("chat", 1, turns: 100, medianMs: 12.0),
            Row("search", 1, turns: 120, medianMs: 5.0),
            Row("chat", 32, turns: 300, medianMs: 90),
            Row("search", 32, turns: 500, medianMs: 60),
        ];

        var lines = DefaultTurnTable.Targets(rows).ToList();

        Assert.Equal(2, lines.Count);
        Assert.Equal("c=1   chat p50 TTFC - search p50 = 7.00 ms (target <= 10 ms: met)", lines[0]);
        Assert.Equal("c=32  chat/search = 0.60 (30.0 turns/s / 50.0 requests/s; target >= 0.5: met)", lines[1]);
    }

    [Fact]
    public void Targets_ChatSlowerThanTheMargins_SaysNotMet()
    {
        PhaseResult[] rows =
        [
            Row("chat", 1, turns: 10, medianMs: 40.5),
            Row("search", 1, turns: 100, medianMs: 5.5),
            Row("chat", 32, turns: 40, medianMs: 900),
            Row("search", 32, turns: 200, medianMs: 60),
        ];

        var lines = DefaultTurnTable.Targets(rows).ToList();

        Assert.Equal("c=1   chat p50 TTFC - search p50 = 35.00 ms (target <= 10 ms: NOT met)", lines[0]);
        Assert.Equal("c=32  chat/search = 0.20 (4.0 turns/s / 20.0 requests/s; target >= 0.5: NOT met)", lines[1]);
    }

    [Fact]
    public void Targets_OnlyOneConcurrency_PrintsOnlyItsLine()
    {
        PhaseResult[] rows = [Row("chat", 1, turns: 10, medianMs: 8), Row("search", 1, turns: 10, medianMs: 4)];

        var lines = DefaultTurnTable.Targets(rows).ToList();

        Assert.Single(lines);
        Assert.StartsWith("c=1 ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Print_FourRows_ListsChatBeforeSearchAtEachConcurrency()
    {
        PhaseResult[] rows =
        [
            Row("search", 32, turns: 500, medianMs: 60),
            Row("search", 1, turns: 120, medianMs: 5.0),
            Row("chat", 32, turns: 300, medianMs: 90),
            Row("chat", 1, turns: 100, medianMs: 12.0),
        ];
        var output = new StringWriter();

        DefaultTurnTable.Print(rows, output);

        var rowNames = output.ToString().Split('\n')
            .Where(l => l.StartsWith("chat c=", StringComparison.Ordinal) || l.StartsWith("search c=", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var cells ? $"{cells[0]} {cells[1]}" : "")
            .ToList();
        Assert.Equal(["chat c=1", "search c=1", "chat c=32", "search c=32"], rowNames);
        Assert.Contains("target >= 0.5: met", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A 10-second window with <paramref name="turns"/> turns, all with the same latency.</summary>
    private static PhaseResult Row(string target, int concurrency, int turns, double medianMs) =>
        new(target, concurrency, TimeSpan.FromSeconds(10), turns, 0, null, Enumerable.Repeat(medianMs, turns).ToList(),
            TimeSpan.FromSeconds(1), 1024 * turns, 0, 0, 0, 0);
}
