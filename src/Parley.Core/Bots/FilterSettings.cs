namespace Parley.Core.Bots;

/// <summary>Post-filters run on every complete answer before it is final.</summary>
public sealed record FilterSettings(bool RedactPii, IReadOnlyList<string> BlockedTerms)
{
    public static FilterSettings None { get; } = new(false, []);

    /// <summary>How closely the answer must keep to the passages it was given.</summary>
    public GroundingMode Grounding { get; init; } = GroundingMode.Off;

    /// <summary>Subjects, in a few words each ("medical advice"), that the bot must not talk about.</summary>
    public IReadOnlyList<string> BlockedTopics { get; init; } = [];

    /// <summary>The bot's own e-mail addresses and phone numbers, which PII redaction leaves in answers.</summary>
    public IReadOnlyList<string> PiiAllow { get; init; } = [];
}
