using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>One run of a documented function: what it printed, and the value it returned.</summary>
public sealed record ExampleRun(ProcessResult Process, string Printed, string? Returned)
{
    public override string ToString() => Process.ToString();
}
