using System.Text.RegularExpressions;
using Parley.Server.DemoBot;

namespace Parley.Server.Tests.DemoBot;

/// <summary>
/// The demo bot repeats what the docs say, so the docs must not call what Parley ships "planned" or "not yet"
/// there: the widget (Widget/), PostgreSQL and Redis (Storage.Postgres, Redis/), several servers.
/// </summary>
public sealed partial class ParleyDocsTests
{
    public static TheoryData<string> Shipped => new() { "widget", "PostgreSQL", "Redis", "several servers", "replicas", "Playground" };

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Read_AnyPage_CallsNoShippedFeatureFuture(string feature)
    {
        var claims = ParleyDocs.Names
            .SelectMany(name => Sentences().Split(ParleyDocs.Read(name)!).Select(sentence => (name, sentence)))
            .Where(s => s.sentence.Contains(feature, StringComparison.OrdinalIgnoreCase) && Future().IsMatch(s.sentence))
            .Select(s => $"{s.name}: {s.sentence.Trim()}")
            .ToList();

        Assert.Empty(claims);
    }

    [Fact]
    public void Read_Faq_AnswersYesToSeveralServers()
    {
        var faq = ParleyDocs.Read("faq.md")!;

        var answer = faq[(faq.IndexOf("## Can I run several Parley servers for more traffic?", StringComparison.Ordinal) + 1)..].Split("\n## ")[0];

        Assert.Contains("\n\nYes", answer, StringComparison.Ordinal);
        Assert.Contains("[Scaling out](scale-out.md)", answer, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n\s*\n")]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\b(planned|not yet|coming soon|will (be|use|come)|once .* is available|only storage backend)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Future();
}
