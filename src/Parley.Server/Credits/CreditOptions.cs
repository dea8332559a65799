using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Credits;

/// <summary>
/// Section <c>Parley:Credits</c>. An answer costs <see cref="PerMessage"/> credits, reserved when the turn
/// starts and kept only when the answer is delivered in full.
/// </summary>
public sealed class CreditOptions
{
    public const string Section = "Parley:Credits";

    [Range(0, 1_000_000)]
    public decimal PerMessage { get; set; } = 1;

    /// <summary>Credits a workspace starts with when it is created without a balance.</summary>
    [Range(0, 1_000_000_000)]
    public decimal NewWorkspace { get; set; } = 1000;
}
