namespace Parley.Server.Chat.Filters;

/// <summary>What the filters made of a complete answer: keep it, replace it, or block it.</summary>
public sealed record FilterOutcome(FilterVerdict Verdict, string Text)
{
    public static FilterOutcome Keep(string text) => new(FilterVerdict.Keep, text);
}

public enum FilterVerdict
{
    Keep,
    Replace,
    Block,
}
