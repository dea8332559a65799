using System.Globalization;
using Parley.Bench.Load;

namespace Parley.Bench.Retrieval;

/// <summary>One row of the retrieval table: a backend's search times at one size, and how much of the exact top 50 its vector search found.</summary>
internal sealed record SearchTimings(string Backend, int Chunks, List<double> LexicalMs, List<double> VectorMs, double Recall)
{
    public static void PrintHeader(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"backend",-28} {"chunks",8} {"lexical p50 ms",15} {"lexical p99 ms",15} {"vector p50 ms",14} {"vector p99 ms",14} {"recall@50",10}");
        output.WriteLine(new string('-', 110));
    }

    public void Print(TextWriter output)
    {
        LexicalMs.Sort();
        VectorMs.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Backend,-28} {Chunks,8:N0} {Percentile.Of(LexicalMs, 50),15:F2} {Percentile.Of(LexicalMs, 99),15:F2} {Percentile.Of(VectorMs, 50),14:F2} {Percentile.Of(VectorMs, 99),14:F2} {Recall,10:F3}"));
    }
}
