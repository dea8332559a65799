namespace Parley.Bench.Eval;

/// <summary>One citation of a <c>done</c> event, in the order Parley listed it.</summary>
internal sealed record Citation(string? PageTitle, string? SourceUrl, double Score)
{
    public string? Page => PageName.Of(SourceUrl);
}
