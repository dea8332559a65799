namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// How close in meaning (the cosine of a question to a passage, on one embedding model's own scale) a passage must
/// be for an answer to quote it: <see cref="Close"/> on meaning alone, <see cref="Related"/> when some of the
/// question's words are there too. Each model spreads its cosines differently, so each has its own.
/// </summary>
public sealed record MeaningBar(double Related, double Close)
{
    /// <summary>Below this (halfway from unrelated to answering), nothing is quoted even when it holds most of the question's words.</summary>
    public double Floor { get; init; } = Related;

    /// <summary>
    /// A model's bar from its levels: related from 65 % of the way from unrelated to answering (MiniLM's 0.425), close
    /// from 80 % (0.5). Measured with MiniLM on the handbook: the passage search ranks first scores 0.39-0.74 against
    /// the 40 dev questions (median 0.60) and 0-0.50 against 28 questions the handbook does not answer (median 0.34).
    /// </summary>
    public static MeaningBar On(SimilarityScale scale) =>
        new MeaningBar(scale.Unrelated + (0.65 * (scale.Answering - scale.Unrelated)), scale.Unrelated + (0.7 * (scale.Answering - scale.Unrelated))) { Floor = scale.AnswersFrom };
}
