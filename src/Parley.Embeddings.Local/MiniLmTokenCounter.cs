namespace Parley.Embeddings.Local;

/// <summary>
/// Counts tokens as the offline model sees them (lower-case WordPiece over its own vocabulary), so that text can be
/// cut into passages that fit the model's window. Thread-safe; loading it reads only the vocabulary, not the model.
/// </summary>
public sealed class MiniLmTokenCounter
{
    // Long enough for any paragraph worth counting exactly; a longer one is reported at this length, which is already
    // far past any passage budget.
    private const int Limit = 8192;

    private static readonly Lazy<MiniLmTokenCounter> Instance = new(() => new MiniLmTokenCounter());

    private readonly SentenceTokenizer _tokenizer;

    private MiniLmTokenCounter()
    {
        using var vocabulary = ModelResources.MiniLm.OpenVocabulary();
        _tokenizer = new SentenceTokenizer(vocabulary, Limit + 2);
    }

    /// <summary>The process's one counter.</summary>
    public static MiniLmTokenCounter Shared => Instance.Value;

    /// <summary>Tokens of <paramref name="text"/>, without the <c>[CLS]</c> and <c>[SEP]</c> the model adds around every input.</summary>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.CountTokens([text])[0] - 2;
    }
}
