using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure.Services;

/// <summary>
/// Stops a service the tests started once the test process is gone, however it went: the test host is often
/// ended without running its exit handlers, and a throwaway PostgreSQL or Redis must not outlive the run.
/// A detached shell polls the test process and runs the stop command when it has disappeared.
/// </summary>
internal static class Watchdog
{
    public static void StopWhenTestsEnd(string stopCommand)
    {
        // The loop runs in a grandchild whose parent exits at once, so it belongs to init, not to the test host:
        // a test runner that kills the host's process tree does not take the watchdog with it.
        var loop = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stopCommand}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "bash", "-c", $"( {loop} ) >/dev/null 2>&1 </dev/null &" })
            start.ArgumentList.Add(argument);
        using var launcher = Process.Start(start)!;
        launcher.WaitForExit();
    }
}
