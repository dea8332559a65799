using System.Text;
using Parley.Core.Conversations;
using Parley.Server.Chat.Generation;

namespace Parley.Server.Chat;

/// <summary>
/// The answer a turn's step is making (generated, saved or declined): what the visitor was sent so far, what it cites
/// and consumed, and how it is priced. The turn stores and settles it however the step ends, an interruption included.
/// </summary>
public sealed class TurnDraft
{
    public StringBuilder Text { get; } = new();

    public IReadOnlyList<Citation> Citations { get; set; } = [];

    public UsageMeter Usage { get; } = new();

    public TurnPricing Pricing { get; set; } = TurnPricing.Tokens;

    /// <summary>Whether the model's answer call is running: only its failure is the provider's.</summary>
    public bool Generating { get; set; }

    /// <summary>The Q&amp;A source whose answer is given verbatim, for a saved answer.</summary>
    public string? SavedAnswerSourceId { get; set; }

    /// <summary>Whether the bot declined, its knowledge unsearchable (the insights' <c>declined</c>).</summary>
    public bool Declined { get; set; }

    /// <summary>Whether retrieval gave the answer any passage; an answer from none is one the knowledge lacks.</summary>
    public bool FoundKnowledge { get; set; }
}

/// <summary>What an answered turn is charged.</summary>
public enum TurnPricing
{
    /// <summary>The per-message price and the model's tokens.</summary>
    Tokens,

    /// <summary>The per-message price alone: no model was called (a saved answer).</summary>
    PerMessage,

    /// <summary>Nothing: the visitor was told nothing they asked for (a declined answer).</summary>
    Free,
}
