using System.Text;
using Parley.Server.Knowledge;

namespace Parley.Bench.Knowledge;

/// <summary>
/// Deterministic product documentation: pages of Markdown sections, each a few paragraphs of varied sentences,
/// sized with Parley's own <see cref="TextChunker"/> so every page becomes exactly the number of chunks asked for.
/// </summary>
internal static class SyntheticDocs
{
    private static readonly Func<WordSource, string>[] Sentences =
    [
        w => $"To {w.V} a {w.A} {w.N}, open {w.Area} and select the {w.N} you want to change.",
        w => $"The {w.N} {w.Vs} the {w.N} every {w.Num} {w.Unit} unless you {w.V} it first.",
        w => $"If a {w.N} is {w.Ved}, the {w.N} stays {w.A} until an admin {w.Vs} it.",
        w => $"Each {w.N} belongs to exactly one {w.N}, and a {w.N} can hold up to {w.BigNum} of them.",
        w => $"You can {w.V} a {w.A} {w.N} from the {w.N} page or through the REST API.",
        w => $"When the {w.N} {w.Vs}, {w.Area} sends a {w.N} to every {w.A} {w.N}.",
        w => $"{w.Area} keeps {w.A} {w.N} records for {w.Num} {w.Unit} before they are {w.Ved}.",
        w => $"Only members with the {w.N} role can {w.V} a {w.N} in this workspace.",
        w => $"A {w.A} {w.N} cannot be {w.Ved} while its {w.N} is {w.A}.",
        w => $"Use the {w.Flag} option to {w.V} {w.A} {w.N} entries in bulk.",
        w => $"The {w.N} field accepts {w.A} values between {w.Num} and {w.BigNum}.",
        w => $"Requests that {w.V} a {w.N} return status {w.Code} when the {w.N} is {w.A}.",
        w => $"Note that {w.N} changes take up to {w.Num} {w.Unit} to reach every {w.N}.",
        w => $"We recommend that you {w.V} the {w.N} before you {w.V} any {w.A} {w.N}.",
        w => $"{w.Area} {w.Vs} the {w.N} automatically, so most teams never need to {w.V} it by hand.",
        w => $"For example, a {w.N} with {w.Num} {w.N} entries is {w.Ved} in about {w.Num} {w.Unit}.",
        w => $"The {w.A} {w.N} limit is {w.BigNum} per {w.N}; contact support to {w.V} it.",
        w => $"After you {w.V} the {w.N}, check the {w.N} log for {w.A} {w.N} entries.",
        w => $"Why would you {w.V} a {w.N}? Usually because the {w.N} was {w.Ved} by mistake.",
        w => $"The {w.N} and the {w.N} are {w.Ved} together, in one step, so they never disagree.",
        w => $"Billing counts a {w.A} {w.N} once per {w.N}, even when it is {w.Ved} several times.",
        w => $"Older {w.N} versions {w.V} {w.A} {w.N} differently; see the migration notes below.",
        w => $"{w.F} {w.Vs} each {w.N} as soon as it is {w.Ved}.",
        w => $"Turn on {w.F} to {w.V} {w.A} {w.N} entries without writing a {w.N}.",
        w => $"The {w.F} {w.N} is {w.Ved} only for {w.A} {w.N} records.",
        w => $"{w.F} and {w.F} share one {w.N}, so a change to either is {w.Ved} in both.",
        w => $"If {w.F} reports a {w.A} {w.N}, {w.V} the {w.N} and try again.",
        w => $"See the {w.F} reference for every {w.N} that {w.F} can {w.V}.",
    ];

    private static readonly Func<WordSource, string>[] Headings =
    [
        w => $"How to {w.V} a {w.N}",
        w => $"{Capital(w.A)} {w.N} settings",
        w => $"Troubleshooting {w.N} errors",
        w => $"About {w.A} {w.N} entries",
        w => $"When a {w.N} is {w.Ved}",
        w => $"Limits on {w.N} and {w.N}",
        w => $"{Capital(w.N)} permissions",
        w => $"{w.Area} and the {w.N}",
        w => $"Using {w.F} with {w.F}",
        w => $"{w.F} {w.N} options",
    ];

    public static IReadOnlyList<DocPage> Generate(int pages, int chunksPerPage, int seed = 20_260_101)
    {
        var words = new WordSource(seed);
        var result = new List<DocPage>(pages);
        for (var page = 0; page < pages; page++)
        {
            var (area, aspect) = TopicOf(page);
            var title = $"{area} {aspect}";
            words.Area = area;
            words.PageNouns = Enumerable.Range(0, 10).Select(_ => words.Pick(Vocabulary.Nouns)).ToList();
            words.PageVerbs = Enumerable.Range(0, 8).Select(_ => words.Pick(Vocabulary.Verbs)).ToList();
            words.PageFeatures = [];
            words.PageFeatures = Enumerable.Range(0, 12).Select(_ => words.F).ToList();
            result.Add(Page(words, title, chunksPerPage));
        }

        return result;
    }

    /// <summary>Distinct (area, aspect) pairs: 40 areas × 5 aspects each before any pair repeats.</summary>
    private static (string Area, string Aspect) TopicOf(int page)
    {
        var area = page % Vocabulary.Areas.Length;
        var round = page / Vocabulary.Areas.Length;
        return (Vocabulary.Areas[area], Vocabulary.Aspects[(area + (7 * round)) % Vocabulary.Aspects.Length]);
    }

    private static DocPage Page(WordSource words, string title, int chunksPerPage)
    {
        var url = $"https://docs.example.com/{TextChunker.Slug(title)}";
        var markdown = new StringBuilder($"# {title}\n\n");
        var chunks = 0;
        while (chunks < chunksPerPage)
        {
            // Some sections run past the chunker's word budget and become two or three chunks, as real pages do;
            // one that would overshoot the page's count is drawn again.
            var section = Section(words, longer: words.Random.Next(5) == 0);
            var count = TextChunker.Split(title, url, section).Count;
            if (chunks + count > chunksPerPage)
                continue;
            chunks += count;
            markdown.Append(section);
        }

        return new DocPage(title, url, markdown.ToString(), chunks);
    }

    private static string Section(WordSource words, bool longer)
    {
        var text = new StringBuilder("## ").Append(words.Pick(Headings)(words)).Append("\n\n");
        var paragraphs = longer ? words.Random.Next(5, 8) : words.Random.Next(2, 4);
        for (var p = 0; p < paragraphs; p++)
        {
            var sentences = words.Random.Next(3, 5);
            for (var s = 0; s < sentences; s++)
                text.Append(s > 0 ? " " : "").Append(Capital(words.Pick(Sentences)(words)));
            text.Append("\n\n");
        }

        if (words.Random.Next(8) == 0)
            text.Append("```sh\nacme ").Append(words.V).Append(' ').Append(words.N.Replace(' ', '-')).Append(' ').Append(words.Flag)
                .Append(" --limit ").Append(words.Num).Append("\n```\n\n");
        return text.ToString();
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
