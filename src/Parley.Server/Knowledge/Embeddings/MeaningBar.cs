namespace Parley.Server.Knowledge.Embeddings;

/// <summary>
/// How close in meaning (the cosine of a question to a passage, on one embedding model's own scale) a passage must
/// be for an answer to quote it: <see cref="Close"/> on meaning alone, <see cref="Related"/> when some of the
/// question's words are there too. Each model spreads its cosines differently, so each has its own.
/// </summary>
public sealed record MeaningBar(double Related, double Close)
{
    /// <summary>
    /// all-MiniLM-L6-v2: unrelated text near 0.1; on the dev set, the passage that answers a visitor's paraphrase
    /// scores 0.36-0.51 against the question, so meaning alone vouches for a passage only from 0.5.
    /// </summary>
    public static readonly MeaningBar MiniLm = On(SimilarityScale.MiniLm);

    /// <summary>
    /// A model's bar from its levels: related from halfway between unrelated and answering (MiniLM's 0.35), close from
    /// four fifths of the way (MiniLM's 0.5), where the dev set's paraphrases put the passages that answer them.
    /// </summary>
    public static MeaningBar On(SimilarityScale scale) =>
        new(scale.AnswersFrom, scale.Unrelated + (0.8 * (scale.Answering - scale.Unrelated)));
}
