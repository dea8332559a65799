using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public class QuestionResultTests
{
    private static readonly EvalQuestion Question = new("q-1", "How do I remove a package?", ["sect.apt-get.html", "dpkg.html"], ["purge", "REMOV"], "lexical");

    [Fact]
    public void Score_GoldPageCitedThird_HitsAtFiveNotAtOne()
    {
        var result = QuestionResult.Score(Question, Answer("", "https://d/a.html#x", null, "https://d/dpkg.html#purging", "https://d/sect.apt-get.html"));

        Assert.Equal(3, result.FirstHitRank);
        Assert.False(result.HitAt(1));
        Assert.True(result.HitAt(5));
        Assert.True(result.HitAt(10));
        Assert.Equal(1.0 / 3, result.ReciprocalRank, 10);
    }

    [Fact]
    public void Score_RetrievedPages_AreScoredApartFromTheCitations()
    {
        var result = QuestionResult.Score(Question, Answer("", "https://d/a.html"), ["a.html", "b.html", "dpkg.html"]);

        Assert.Null(result.FirstHitRank);
        Assert.True(result.RetrievalMeasured);
        Assert.Equal(3, result.RetrievalHitRank);
        Assert.True(result.RetrievalHitAt(5));
        Assert.False(result.RetrievalHitAt(1));
        Assert.Equal(1.0 / 3, result.RetrievalReciprocalRank, 10);
    }

    [Fact]
    public void Score_GoldPageOnlyAfterTenthCitation_IsNoHit()
    {
        var urls = Enumerable.Range(1, 10).Select(i => $"https://d/other-{i}.html").Append("https://d/dpkg.html").ToArray();

        var result = QuestionResult.Score(Question, Answer("", urls));

        Assert.Null(result.FirstHitRank);
        Assert.False(result.HitAt(10));
        Assert.Equal(0, result.ReciprocalRank);
    }

    [Fact]
    public void Score_SamePageTwice_CountsEachCitationAsARank()
    {
        var result = QuestionResult.Score(Question, Answer("", "https://d/a.html#one", "https://d/a.html#two", "https://d/dpkg.html"));

        Assert.Equal(3, result.FirstHitRank);
    }

    [Theory]
    [InlineData("Use apt purge; it removes the configuration too.", true, true)]
    [InlineData("Run APT PURGE.", false, true)]
    [InlineData("Ask the administrator.", false, false)]
    public void Score_Keywords_AreCaseInsensitiveSubstrings(string answer, bool all, bool any)
    {
        var result = QuestionResult.Score(Question, Answer(answer));

        Assert.Equal(all, result.AllKeywords);
        Assert.Equal(any, result.AnyKeyword);
    }

    private static ChatAnswer Answer(string text, params string?[] urls) =>
        new(text, urls.Select(u => new Citation("title", u, 0.5)).ToList(), TimeSpan.Zero);
}
