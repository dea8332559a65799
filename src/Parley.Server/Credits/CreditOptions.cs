using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Credits;

/// <summary>
/// Section <c>Parley:Credits</c>. An answer costs <see cref="PerMessage"/> credits plus its tokens at
/// <see cref="PerThousandInputTokens"/> and <see cref="PerThousandOutputTokens"/> (see <see cref="CreditPrice"/>):
/// an upper bound is reserved when the turn starts, and only the actual cost of an answer delivered in full is kept.
/// </summary>
public sealed class CreditOptions
{
    public const string Section = "Parley:Credits";

    [Range(0, 1_000_000)]
    public decimal PerMessage { get; set; } = 1;

    /// <summary>Credits per 1,000 tokens the model reads (prompt, knowledge, history, follow-up rewriting).</summary>
    [Range(0, 1_000_000)]
    public decimal PerThousandInputTokens { get; set; }

    /// <summary>Credits per 1,000 tokens the model writes.</summary>
    [Range(0, 1_000_000)]
    public decimal PerThousandOutputTokens { get; set; }

    /// <summary>
    /// How long credits reserved for a turn stay taken without a sign of life from the server running it. A turn
    /// renews its reservation while it runs, so this only bounds how long a dead server's reservations are held
    /// before any server refunds them.
    /// </summary>
    [Range(2, 3600)]
    public int ReservationLeaseSeconds { get; set; } = 60;

    /// <summary>Credits a workspace starts with when it is created without a balance.</summary>
    [Range(0, 1_000_000_000)]
    public decimal NewWorkspace { get; set; } = 1000;
}
