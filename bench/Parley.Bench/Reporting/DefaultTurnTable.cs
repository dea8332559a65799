using System.Globalization;
using Parley.Bench.Load;

namespace Parley.Bench.Reporting;

/// <summary>
/// The <c>default-turn</c> table: chat and search rows at each concurrency, then the issue's two targets. A chat row's
/// latency is time to the first <c>content</c> event; a search row's is the whole response.
/// </summary>
internal static class DefaultTurnTable
{
    /// <summary>At c=1, a turn's p50 time to first content may exceed the search API's p50 by at most this.</summary>
    public const double FirstContentMarginMs = 10.0;

    /// <summary>At c=32, chat turns/s over search requests/s.</summary>
    public const double ThroughputTarget = 0.5;

    public static void Print(IReadOnlyList<PhaseResult> rows, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"row",-14} {"ops/s",9} {"p50 ms",9} {"p99 ms",9} {"CPU ms/op",10} {"alloc KB/op",12} {"CPU busy",9} {"GC 0/1/2",10} {"failed",7}");
        output.WriteLine(new string('-', 97));
        foreach (var row in rows.OrderBy(r => r.Concurrency).ThenBy(r => r.Target != "chat"))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Target + " c=" + row.Concurrency,-14} {row.TurnsPerSecond,9:F1} {row.FirstContentPercentile(50),9:F2} {row.FirstContentPercentile(99),9:F2} {row.CpuMsPerTurn,10:F3} {row.AllocatedKbPerTurn,12:F1} {row.CpuUtilisation,9:P0} {$"{row.Gen0}/{row.Gen1}/{row.Gen2}",10} {row.Failures,7}"));
        }

        output.WriteLine("chat: turns/s and time to first content; search: requests/s and time to the whole response. CPU and allocations are the whole process's (client and server).");
        foreach (var failed in rows.Where(r => r.Failures > 0))
            output.WriteLine($"  {failed.Target} c={failed.Concurrency}: {failed.Failures} failed, first: {failed.FirstFailure}");
        output.WriteLine();
        foreach (var line in Targets(rows))
            output.WriteLine(line);
    }

    /// <summary>The two target lines, for whichever of c=1 and c=32 the run measured.</summary>
    public static IEnumerable<string> Targets(IReadOnlyList<PhaseResult> rows)
    {
        if (Pair(rows, 1) is { } one)
        {
            var (chat1, search1) = one;
            var gap = chat1.FirstContentPercentile(50) - search1.FirstContentPercentile(50);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"c=1   chat p50 TTFC - search p50 = {gap:F2} ms (target <= {FirstContentMarginMs:F0} ms: {Verdict(gap <= FirstContentMarginMs)})");
        }

        if (Pair(rows, 32) is { } many)
        {
            var (chat32, search32) = many;
            var ratio = chat32.TurnsPerSecond / search32.TurnsPerSecond;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"c=32  chat/search = {ratio:F2} ({chat32.TurnsPerSecond:F1} turns/s / {search32.TurnsPerSecond:F1} requests/s; target >= {ThroughputTarget:F1}: {Verdict(ratio >= ThroughputTarget)})");
        }
    }

    private static (PhaseResult Chat, PhaseResult Search)? Pair(IReadOnlyList<PhaseResult> rows, int concurrency) =>
        rows.FirstOrDefault(r => r.Target == "chat" && r.Concurrency == concurrency) is { } chat &&
        rows.FirstOrDefault(r => r.Target == "search" && r.Concurrency == concurrency) is { } search
            ? (chat, search)
            : null;

    private static string Verdict(bool met) => met ? "met" : "NOT met";
}
