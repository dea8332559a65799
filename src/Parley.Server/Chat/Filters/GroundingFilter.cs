using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Server.Knowledge;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// Checks that each sentence of an answer is supported by the passages the answer was given: most of its content
/// words occur in them, and every number it states does (an invented price or date is the costliest mistake a bot
/// makes). Short conversational sentences ("Happy to help!") claim nothing and pass. <c>lenient</c> removes the
/// unsupported sentences; <c>strict</c> replaces an answer that has any with <see cref="Fallback"/>, as does
/// <c>lenient</c> when nothing supported is left.
/// </summary>
public sealed partial class GroundingFilter : IAnswerFilter
{
    public const string Fallback = "I'm sorry, I can't answer that from the information I have.";

    // Fewer content words than this and a sentence is glue ("Sure, here is how:"), not a claim.
    private const int ClaimWords = 3;

    // Words of the pleasantries a model wraps answers in; a sentence of only these claims nothing either.
    private static readonly FrozenSet<string> Pleasantries = FrozenSet.Create(StringComparer.Ordinal,
    [
        "sure", "happy", "glad", "help", "helps", "course", "certainly", "absolutely", "great", "question", "hope",
        "welcome", "anything", "else", "know", "feel", "free", "ask", "following", "steps", "information", "info",
    ]);

    public ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct) =>
        ValueTask.FromResult(Check(context, answer));

    private static FilterOutcome Check(FilterContext context, string answer)
    {
        var mode = context.Bot.Filters.Grounding;
        if (mode == GroundingMode.Off || context.Quoted || answer.Trim() == Fallback)
            return FilterOutcome.Keep(answer);

        var evidence = Evidence.Of(context.Passages);
        var bar = mode == GroundingMode.Strict ? 0.75 : 0.5;
        var kept = new StringBuilder();
        var claims = 0;
        var supported = 0;
        var pieces = Boundary().Split(answer);
        for (var i = 0; i < pieces.Length; i += 2)
        {
            var sentence = pieces[i];
            var separator = i + 1 < pieces.Length ? pieces[i + 1] : "";
            var verdict = evidence.Judge(sentence, bar);
            if (verdict == Support.NoClaim || verdict == Support.Supported)
                kept.Append(sentence).Append(separator);
            claims += verdict == Support.NoClaim ? 0 : 1;
            supported += verdict == Support.Supported ? 1 : 0;
        }

        if (claims == supported)
            return FilterOutcome.Keep(answer);
        if (mode == GroundingMode.Strict || supported == 0)
            return new FilterOutcome(FilterVerdict.Replace, Fallback);
        return new FilterOutcome(FilterVerdict.Replace, kept.ToString().Trim());
    }

    private enum Support
    {
        NoClaim,
        Supported,
        Unsupported,
    }

    /// <summary>The words of the passages, stemmed as retrieval stems them, and the numbers they state.</summary>
    private sealed class Evidence(HashSet<string> stems, HashSet<string> numbers)
    {
        public static Evidence Of(IReadOnlyList<Passage> passages)
        {
            var stems = new HashSet<string>(StringComparer.Ordinal);
            var numbers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var passage in passages)
            {
                foreach (var word in QueryTerms.Words($"{passage.PageTitle}\n{passage.Heading}\n{passage.Text}"))
                {
                    stems.Add(QueryTerms.Stem(word));
                    if (char.IsDigit(word[0]))
                        numbers.Add(word);
                }
            }

            return new Evidence(stems, numbers);
        }

        public Support Judge(string sentence, double bar)
        {
            var words = QueryTerms.Words(CitationMarker().Replace(ListMarker().Replace(sentence, ""), " "))
                .Where(w => !QueryTerms.IsStopWord(w))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (words.Count < ClaimWords || words.All(Pleasantries.Contains))
                return Support.NoClaim;
            if (words.Any(w => char.IsDigit(w[0]) && !numbers.Contains(w)))
                return Support.Unsupported;
            var found = words.Count(w => stems.Contains(QueryTerms.Stem(w)));
            return found >= bar * words.Count ? Support.Supported : Support.Unsupported;
        }
    }

    // Sentence ends followed by space, and line breaks; the separators are kept so kept sentences keep their layout.
    [GeneratedRegex(@"((?<=[.!?])[ \t]+|\n+)", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex CitationMarker();

    // "1." of a numbered list is layout, not a number the answer claims.
    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,2}[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();
}
