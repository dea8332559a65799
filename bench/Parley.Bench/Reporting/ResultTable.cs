using System.Globalization;
using Parley.Bench.Load;

namespace Parley.Bench.Reporting;

/// <summary>The benchmark's answer: one row per target and concurrency, then how Parley compares with the floor.</summary>
internal static class ResultTable
{
    public const double ThroughputTarget = 0.10;
    public const double FirstContentTargetMs = 2.0;

    public static void Print(IReadOnlyList<PhaseResult> rows, TextWriter output, string generator = "instant")
    {
        output.WriteLine();
        output.WriteLine(generator == "instant"
            ? "Parley's generator: the instant one (a fixed answer at once), so the rows measure the pipeline around it."
            : "Parley's generator: the server's offline extractive one (it quotes the passages), embeddings off.");
        output.WriteLine($"{"row",-16} {"turns/s",9} {"p50 TTFC ms",12} {"p99 TTFC ms",12} {"CPU ms/turn",12} {"alloc KB/turn",14} {"CPU busy",9} {"GC 0/1/2",10} {"failed",7}");
        output.WriteLine(new string('-', 109));
        foreach (var row in rows.OrderBy(r => r.Concurrency).ThenBy(r => r.Target == "bare"))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Target + " c=" + row.Concurrency,-16} {row.TurnsPerSecond,9:F1} {row.FirstContentPercentile(50),12:F2} {row.FirstContentPercentile(99),12:F2} {row.CpuMsPerTurn,12:F3} {row.AllocatedKbPerTurn,14:F1} {row.CpuUtilisation,9:P0} {$"{row.Gen0}/{row.Gen1}/{row.Gen2}",10} {row.Failures,7}"));
        }

        output.WriteLine();
        foreach (var failed in rows.Where(r => r.Failures > 0))
            output.WriteLine($"  {failed.Target} c={failed.Concurrency}: {failed.Failures} failed turns, first: {failed.FirstFailure}");

        PrintComparison(rows, output);
    }

    private static void PrintComparison(IReadOnlyList<PhaseResult> rows, TextWriter output)
    {
        foreach (var concurrency in rows.Select(r => r.Concurrency).Distinct().Order())
        {
            var parley = rows.FirstOrDefault(r => r.Target == "parley" && r.Concurrency == concurrency);
            var bare = rows.FirstOrDefault(r => r.Target == "bare" && r.Concurrency == concurrency);
            if (parley is null || bare is null)
                continue;

            var ratio = parley.TurnsPerSecond / bare.TurnsPerSecond;
            var ttfc = parley.FirstContentPercentile(50) - bare.FirstContentPercentile(50);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"c={concurrency,-3} Parley/bare turns/s = {ratio,7:P1}{Verdict(concurrency > 1, ratio >= ThroughputTarget, $"target >= {ThroughputTarget:P0}")}   " +
                $"p50 TTFC Parley - bare = {ttfc,6:F2} ms{Verdict(concurrency == 1, ttfc <= FirstContentTargetMs, $"target <= {FirstContentTargetMs} ms")}"));
            // Both rows pay the same client; what Parley adds on top of the floor is its server's work.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"       CPU per turn: Parley {parley.CpuMsPerTurn:F3} ms, bare {bare.CpuMsPerTurn:F3} ms (client + minimal server) => Parley's server work ~ {parley.CpuMsPerTurn - bare.CpuMsPerTurn:F3} ms/turn"));
        }
    }

    private static string Verdict(bool applies, bool met, string target) =>
        applies ? $" ({target}: {(met ? "met" : "NOT met")})" : "";
}
