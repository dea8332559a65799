using Parley.Bench.Eval.Followups;

namespace Parley.Bench.Tests.Eval.Followups;

public sealed class FollowupQuestionTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void ReadJsonLines_APair_ReadsBothQuestionsAndScoresTheFollowUp()
    {
        File.WriteAllText(_path, """
            {"id":"f-1","first":"How do I remove a package?","question":"And its configuration files too?","gold_pages":["sect.apt-get.html"],"answer_keywords":["purge"],"kind":"followup"}

            """);

        var pair = Assert.Single(FollowupQuestion.ReadJsonLines(_path));

        Assert.Equal("How do I remove a package?", pair.First);
        Assert.Equal("And its configuration files too?", pair.FollowUp.Question);
        Assert.Equal(["sect.apt-get.html"], pair.FollowUp.GoldPages);
        Assert.Equal(["purge"], pair.FollowUp.AnswerKeywords);
        Assert.Equal("f-1", pair.FollowUp.Id);
    }

    [Fact]
    public void ReadJsonLines_NoFirstQuestion_NamesTheLine()
    {
        File.WriteAllText(_path, """
            {"id":"f-1","first":"A?","question":"B?","gold_pages":["a.html"],"answer_keywords":["a"],"kind":"followup"}
            {"id":"f-2","question":"B?","gold_pages":["a.html"],"answer_keywords":["a"],"kind":"followup"}
            """);

        var error = Assert.Throws<FormatException>(() => FollowupQuestion.ReadJsonLines(_path));

        Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
