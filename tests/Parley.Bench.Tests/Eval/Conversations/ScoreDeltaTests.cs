using Parley.Bench.Eval;
using Parley.Bench.Eval.Conversations;

namespace Parley.Bench.Tests.Eval.Conversations;

public class ScoreDeltaTests
{
    [Fact]
    public void Between_SameGroups_GivesLaterMinusEarlierInTheLaterOrder()
    {
        GroupScore[] alone = [Score("overall", hitAt1: 0.75, keywords: 0.5), Score("lexical", hitAt1: 0.8, keywords: 0.6)];
        GroupScore[] inConversation = [Score("overall", hitAt1: 0.70, keywords: 0.5), Score("lexical", hitAt1: 0.8, keywords: 0.7)];

        var deltas = ScoreDelta.Between(alone, inConversation);

        Assert.Equal(["overall", "lexical"], deltas.Select(d => d.Group));
        Assert.Equal(-0.05, deltas[0].HitAt1, 10);
        Assert.Equal(0.1, deltas[1].AllKeywords, 10);
    }

    [Fact]
    public void Between_AGroupOnlyOneSideHas_IsLeftOut()
    {
        var deltas = ScoreDelta.Between([Score("overall", 0.5, 0.5)], [Score("overall", 0.5, 0.5), Score("paraphrased", 0.4, 0.4)]);

        Assert.Equal(["overall"], deltas.Select(d => d.Group));
    }

    [Theory]
    [InlineData(0.775, 0.755, 0.475, 0.475, true)]
    [InlineData(0.775, 0.750, 0.475, 0.475, false)]
    [InlineData(0.775, 0.775, 0.475, 0.500, false)]
    [InlineData(0.775, 0.795, 0.475, 0.455, true)]
    public void WithinTarget_IsHitAt1AndKeywordsWithinTwoHundredths(double hitAlone, double hitInConversation, double keywordsAlone, double keywordsInConversation, bool within)
    {
        var delta = ScoreDelta.Between([Score("overall", hitAlone, keywordsAlone)], [Score("overall", hitInConversation, keywordsInConversation)])[0];

        Assert.Equal(within, delta.WithinTarget);
    }

    [Fact]
    public void TurnOf_NumbersEachQuestionInItsConversationFromOne()
    {
        var run = new ConversationRun(5, []);

        Assert.Equal([1, 5, 1, 3], new[] { 0, 4, 5, 7 }.Select(run.TurnOf));
    }

    private static GroupScore Score(string group, double hitAt1, double keywords) => new(group, 10, hitAt1, 0.9, 1, 0.8, keywords, keywords);
}
