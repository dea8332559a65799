using System.Diagnostics;
using System.Runtime;

namespace Parley.Bench;

/// <summary>What the numbers were measured on, and how busy the machine was: other work on it skews every figure.</summary>
internal static class Machine
{
    public static string Describe() =>
        $"Parley bench: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        $"{(IsOptimised() ? "Release" : "DEBUG BUILD: numbers mean nothing")}; load average {LoadAverage()}";

    /// <summary>The 1, 5 and 15 minute load averages; above the core count, other processes are taking CPU from this one.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static bool IsOptimised() =>
        typeof(Machine).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);
}
