using System.Text.Json;
using Parley.Bench.Eval.Diff;

namespace Parley.Bench.Tests.Eval.Diff;

public class QuestionChangeTests
{
    [Fact]
    public void Read_ResultFileQuestions_ReadsRanksKeywordsAndFallback()
    {
        using var document = JsonDocument.Parse("""
            [{"id":"dev-001","kind":"lexical","question":"Q?","first_hit_rank":1,"retrieval_hit_rank":null,"all_keywords":true},
             {"id":"u-1","question":"Weather?","fallback":false}]
            """);

        var outcomes = QuestionOutcome.Read(document.RootElement);

        Assert.Equal(new QuestionOutcome("dev-001", "lexical", "Q?", 1, null, true, null), outcomes[0]);
        Assert.False(outcomes[1].Fallback);
        Assert.False(outcomes[1].CitedHitAt1);
    }

    [Fact]
    public void Between_SameOutcome_IsNoChange()
    {
        var changes = QuestionChange.Between([Outcome("a", 1, 2, true)], [Outcome("a", 1, 2, true)]);

        Assert.Empty(changes);
    }

    [Fact]
    public void Between_ACitedRankThatStaysOffTheTop_IsNoChange()
    {
        // Only hit@1 of the citations counts: a gold page cited third instead of second is the same miss.
        var changes = QuestionChange.Between([Outcome("a", 2, 1, false)], [Outcome("a", 3, 1, false)]);

        Assert.Empty(changes);
    }

    [Fact]
    public void Between_HitAt1RetrievalRankOrKeywords_EachIsAChange()
    {
        QuestionOutcome[] before = [Outcome("hit", 2, 1, true), Outcome("rank", 1, 4, true), Outcome("keywords", 1, 1, true)];
        QuestionOutcome[] after = [Outcome("hit", 1, 1, true), Outcome("rank", 1, null, true), Outcome("keywords", 1, 1, false)];

        var changes = QuestionChange.Between(before, after);

        Assert.Equal(["hit", "rank", "keywords"], changes.Select(c => c.Id));
        Assert.True(changes[0].CitedHitChanged);
        Assert.Equal(1, changes[0].Direction);
        Assert.True(changes[1].RetrievalRankChanged);
        Assert.Equal(-1, changes[1].Direction);
        Assert.True(changes[2].KeywordsChanged);
        Assert.Equal(-1, changes[2].Direction);
    }

    [Fact]
    public void Between_AQuestionInOneRunOnly_IsListedWithNoDirection()
    {
        var changes = QuestionChange.Between([Outcome("gone", 1, 1, true)], [Outcome("new", 1, 1, true)]);

        Assert.Equal(["new", "gone"], changes.Select(c => c.Id));
        Assert.Null(changes[0].Before);
        Assert.Null(changes[1].After);
        Assert.All(changes, c => Assert.Equal(0, c.Direction));
    }

    [Fact]
    public void Print_ChangedQuestions_ShowsBeforeAndAfter()
    {
        var output = new StringWriter();

        EvalDiff.Print("questions", [Outcome("dev-007", 3, 2, false)], [Outcome("dev-007", 1, 1, false)], output);

        var text = output.ToString();
        Assert.Contains("questions: 1 of 1 questions changed from A to B (1 better, 0 worse", text, StringComparison.Ordinal);
        var row = text.Split('\n').Single(line => line.StartsWith("| dev-007 ", StringComparison.Ordinal));
        Assert.Equal(["dev-007", "lexical", "no -> yes", "2 -> 1", "no", "Q?"], row.Trim().Trim('|').Split('|').Select(cell => cell.Trim()));
    }

    private static QuestionOutcome Outcome(string id, int? cited, int? retrieved, bool keywords) =>
        new(id, "lexical", "Q?", cited, retrieved, keywords, null);
}
