namespace Parley.Server.Tests.Infrastructure;

/// <summary>How an external command ended, and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>A line for assertion messages: the command, its exit code and its output.</summary>
    public override string ToString() =>
        $"`{Command}` exited with {ExitCode}.\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
