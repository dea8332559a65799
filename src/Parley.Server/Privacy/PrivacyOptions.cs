using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Privacy;

/// <summary>
/// Section <c>Parley:Privacy</c>: how often conversations past their workspace's retention are looked for, and how
/// many are deleted per transaction, so a first sweep over years of history never holds the database for long.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Parley:Privacy";

    /// <summary>Seconds between two sweeps of every server; a conversation outlives its retention by at most this.</summary>
    [Range(1, 86_400)]
    public int RetentionSweepSeconds { get; set; } = 3600;

    /// <summary>Conversations deleted per transaction.</summary>
    [Range(1, 10_000)]
    public int RetentionBatchSize { get; set; } = 500;
}
