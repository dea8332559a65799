using FastBertTokenizer;

namespace Parley.Embeddings.Local;

/// <summary>
/// Lower-case WordPiece over the model's own vocabulary, truncated to a token limit. FastBertTokenizer keeps working
/// buffers between calls, so one lock serialises it; it tokenises millions of tokens a second, far ahead of the model.
/// </summary>
internal sealed class SentenceTokenizer
{
    // FastBertTokenizer retries an unknown word without its accents only when its buffer has room for all of the word's
    // pieces; at the end of a full buffer it keeps the raw pieces ("française" → "fran", "##ç"). So it writes into a
    // buffer longer than the limit, and the truncation to the limit happens here, as Hugging Face's does: first the
    // pieces, then [SEP].
    private const int Slack = 64;

    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _lock = new();
    private readonly int _maxTokens;
    private readonly long[] _ids;
    private readonly long[] _mask;
    private readonly long _separatorId;

    public SentenceTokenizer(TextReader vocabulary, int maxTokens)
    {
        _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        _maxTokens = maxTokens;
        _ids = new long[maxTokens + Slack];
        _mask = new long[maxTokens + Slack];
        _tokenizer.Encode("", _ids, _mask);
        _separatorId = _ids[1];
    }

    /// <summary>Token counts after truncation, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int[] CountTokens(IReadOnlyList<string> texts)
    {
        var counts = new int[texts.Count];
        lock (_lock)
        {
            for (var i = 0; i < counts.Length; i++)
                counts[i] = EncodeIntoBuffer(texts[i]);
        }
        return counts;
    }

    /// <summary>
    /// Writes the token ids and attention mask of the texts at <paramref name="rows"/> into consecutive rows of
    /// <paramref name="rowLength"/>, which must be zeroed (the id of <c>[PAD]</c> is 0) and long enough for every text.
    /// </summary>
    public void Encode(IReadOnlyList<string> texts, ReadOnlySpan<int> rows, int rowLength, Span<long> inputIds, Span<long> attentionMask)
    {
        lock (_lock)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var count = EncodeIntoBuffer(texts[rows[r]]);
                var ids = inputIds.Slice(r * rowLength, count);
                _ids.AsSpan(0, count).CopyTo(ids);
                ids[^1] = _separatorId;
                attentionMask.Slice(r * rowLength, count).Fill(1);
            }
        }
    }

    private int EncodeIntoBuffer(string text) => Math.Min(_tokenizer.Encode(text, _ids, _mask), _maxTokens);
}
