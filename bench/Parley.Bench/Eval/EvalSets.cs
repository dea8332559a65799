using Parley.Bench.Eval.Followups;

namespace Parley.Bench.Eval;

/// <summary>
/// The question files of one eval, read and checked before anything starts: the questions (always; asked alone, and
/// again in conversations with <c>--conversations N</c>), and the optional follow-up pairs and unanswerable questions.
/// </summary>
internal sealed record EvalSets(IReadOnlyList<EvalQuestion> Questions, IReadOnlyList<FollowupQuestion>? Followups, IReadOnlyList<EvalQuestion>? Unanswerable)
{
    /// <exception cref="ArgumentException">An option is missing or does not fit.</exception>
    /// <exception cref="FormatException">A file holds a line that is not a question.</exception>
    public static EvalSets Read(BenchOptions options)
    {
        return new EvalSets(
            EvalQuestion.ReadJsonLines(options.Questions ?? throw new ArgumentException("eval needs --questions FILE.")),
            options.Followups is { } followups ? FollowupQuestion.ReadJsonLines(followups) : null,
            options.Unanswerable is { } unanswerable ? EvalQuestion.ReadJsonLines(unanswerable, requireGoldPages: false) : null);
    }
}
