using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>One run of a documented example: what it printed, and the report the test's program made of it.</summary>
public sealed record ExampleRun(ProcessResult Process, string Printed, JsonElement? Reported)
{
    public override string ToString() => Process.ToString();
}
