using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public class GroupScoreTests
{
    [Fact]
    public void Of_Results_GivesOverallThenEachKindWithMeans()
    {
        QuestionResult[] results =
        [
            Result("lexical", firstHit: 1, allKeywords: true),
            Result("paraphrased", firstHit: 2, allKeywords: false),
            Result("paraphrased", firstHit: 7, allKeywords: false),
            Result("paraphrased", firstHit: null, allKeywords: true),
        ];

        var groups = GroupScore.Of(results);

        Assert.Equal(["overall", "lexical", "paraphrased"], groups.Select(g => g.Group));
        var overall = groups[0];
        Assert.Equal(4, overall.Count);
        Assert.Equal(0.25, overall.HitAt1);
        Assert.Equal(0.5, overall.HitAt5);
        Assert.Equal(0.75, overall.HitAt10);
        Assert.Equal((1 + 0.5 + (1.0 / 7)) / 4, overall.Mrr10, 10);
        Assert.Equal(0.5, overall.AllKeywords);
        var paraphrased = groups[2];
        Assert.Equal(3, paraphrased.Count);
        Assert.Equal((0.5 + (1.0 / 7)) / 3, paraphrased.Mrr10, 10);
    }

    private static QuestionResult Result(string kind, int? firstHit, bool allKeywords) =>
        new(new EvalQuestion("q", "?", ["gold.html"], ["k"], kind), new ChatAnswer("", [], TimeSpan.Zero), firstHit, allKeywords, allKeywords);
}
