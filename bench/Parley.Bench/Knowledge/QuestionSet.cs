namespace Parley.Bench.Knowledge;

/// <summary>
/// Visitor questions in the words of the synthetic docs: many templates, drawn words, so no two requests
/// are likely to carry the same text and no cache can answer for the pipeline.
/// </summary>
internal sealed class QuestionSet
{
    private static readonly Func<WordSource, string>[] Templates =
    [
        w => $"How do I {w.V} the {w.N} for my {w.N}?",
        w => $"Why is my {w.N} not {w.Ved}?",
        w => $"What is the {w.A} {w.N} limit in {w.Area}?",
        w => $"Can I {w.V} a {w.N} from the {w.N} page?",
        w => $"How long does it take to {w.V} a {w.A} {w.N}?",
        w => $"Where do I find the {w.N} settings for {w.AreaLower}?",
        w => $"Is it possible to {w.V} a {w.A} {w.N} in bulk?",
        w => $"What happens to the {w.N} when the {w.N} {w.Vs}?",
        w => $"How can I {w.V} a {w.N} without an admin?",
        w => $"Does {w.Area} support {w.A} {w.N} records?",
        w => $"We {w.Ved} a {w.N} yesterday and now the {w.N} shows an error. What should we do?",
        w => $"who can {w.V} {w.N} in a workspace",
        w => $"{w.N} {w.Ved} twice, how do i fix it",
        w => $"My {w.A} {w.N} expired after {w.Num} {w.Unit}. Can I {w.V} it again?",
        w => $"Which role is needed to {w.V} the {w.A} {w.N}?",
        w => $"Getting status {w.Code} when I {w.V} a {w.N} through the API, why?",
        w => $"How do I set up {w.F} for a {w.A} {w.N}?",
        w => $"What does {w.F} do with a {w.Ved} {w.N}?",
        w => $"Can {w.F} {w.V} the {w.N} automatically?",
        w => $"{w.F} keeps failing to {w.V} my {w.N}",
        w => $"Is {w.F} available on the {w.A} plan?",
    ];

    private readonly string[] _questions;
    private long _next = -1;

    public QuestionSet(int count, int seed = 7)
    {
        var words = new WordSource(seed);
        _questions = new string[count];
        for (var i = 0; i < count; i++)
        {
            words.Area = words.Pick(Vocabulary.Areas);
            _questions[i] = words.Pick(Templates)(words);
        }
    }

    public int Count => _questions.Length;

    public int Distinct => _questions.Distinct(StringComparer.Ordinal).Count();

    /// <summary>The next question, round-robin across every caller.</summary>
    public string Next() => _questions[Interlocked.Increment(ref _next) % _questions.Length];
}
