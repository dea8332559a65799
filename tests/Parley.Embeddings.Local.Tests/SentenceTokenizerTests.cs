namespace Parley.Embeddings.Local.Tests;

public sealed class SentenceTokenizerTests
{
    private const long Cls = 101, Sep = 102;

    [Fact]
    public void Encode_AccentedWordFillingTheRow_LosesItsAccentsAsInALongerRow()
    {
        var tokenizer = Create(maxTokens: 256);
        string[] texts = ["Café crème à la française", "cafe creme a la francaise"];
        var counts = tokenizer.CountTokens(texts);
        Assert.Equal(counts[0], counts[1]);

        var (ids, _) = Encode(tokenizer, texts, [0, 1], counts[0]);

        Assert.Equal(ids.AsSpan(0, counts[0]).ToArray(), ids.AsSpan(counts[0]).ToArray());
    }

    [Fact]
    public void Encode_TextLongerThanTheLimit_KeepsTheFirstPiecesAndEndsWithSep()
    {
        var tokenizer = Create(maxTokens: 8);
        string[] texts = ["one two three four five six seven eight nine ten"];

        var counts = tokenizer.CountTokens(texts);
        var (ids, mask) = Encode(tokenizer, texts, [0], 8);

        Assert.Equal(8, counts[0]);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[7]);
        Assert.Equal(Encode(Create(256), ["one two three four five six"], [0], 8).Ids, ids);
        Assert.All(mask, bit => Assert.Equal(1, bit));
    }

    [Fact]
    public void Encode_ShortTextInALongerRow_PadsWithZerosAndMasksThePadding()
    {
        var tokenizer = Create(maxTokens: 256);

        var (ids, mask) = Encode(tokenizer, ["refund"], [0], 6);

        Assert.Equal([Cls, 25416, 8630, Sep, 0, 0], ids);
        Assert.Equal([1L, 1, 1, 1, 0, 0], mask);
    }

    [Fact]
    public void CountTokens_EmptyText_CountsClsAndSep()
    {
        Assert.Equal([2, 2], Create(256).CountTokens(["", " \n "]));
    }

    private static SentenceTokenizer Create(int maxTokens)
    {
        using var vocabulary = ModelResources.MiniLm.OpenVocabulary();
        return new SentenceTokenizer(vocabulary, maxTokens);
    }

    private static (long[] Ids, long[] Mask) Encode(SentenceTokenizer tokenizer, string[] texts, int[] rows, int rowLength)
    {
        var ids = new long[rows.Length * rowLength];
        var mask = new long[rows.Length * rowLength];
        tokenizer.Encode(texts, rows, rowLength, ids, mask);
        return (ids, mask);
    }
}
