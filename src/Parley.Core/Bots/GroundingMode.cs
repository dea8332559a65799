namespace Parley.Core.Bots;

public enum GroundingMode
{
    /// <summary>Answers are sent as the model wrote them.</summary>
    Off,

    /// <summary>Sentences the retrieved passages do not support are removed; an answer with nothing left is replaced.</summary>
    Lenient,

    /// <summary>An answer with any unsupported sentence is replaced by an honest fallback.</summary>
    Strict,
}
