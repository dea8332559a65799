namespace Parley.Server.DemoBot;

/// <summary>Section <c>Parley:DemoBot</c>.</summary>
public sealed class DemoBotOptions
{
    public const string Section = "Parley:DemoBot";

    /// <summary>Seed a public demo bot on a brand-new deployment. Turn off for production installs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Print the start-up banner (Playground URL, admin key, a curl for the demo bot).</summary>
    public bool PrintBanner { get; set; } = true;
}
