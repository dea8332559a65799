using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public sealed class EvalQuestionTests : IDisposable
{
    private const string Unanswerable = """{"id":"u-1","question":"What is the weather tomorrow?","gold_pages":[],"answer_keywords":[],"kind":"unanswerable"}""";

    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void ReadJsonLines_NoGoldPages_IsRefusedForQuestionsToScore()
    {
        File.WriteAllText(_path, Unanswerable);

        Assert.Throws<FormatException>(() => EvalQuestion.ReadJsonLines(_path));
    }

    [Fact]
    public void ReadJsonLines_NoGoldPages_IsReadForUnanswerableQuestions()
    {
        File.WriteAllText(_path, Unanswerable);

        var question = Assert.Single(EvalQuestion.ReadJsonLines(_path, requireGoldPages: false));

        Assert.Empty(question.GoldPages);
        Assert.Equal("unanswerable", question.Kind);
    }

    public void Dispose() => File.Delete(_path);
}
