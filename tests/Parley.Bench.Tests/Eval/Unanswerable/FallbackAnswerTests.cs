using Parley.Bench.Eval;
using Parley.Bench.Eval.Unanswerable;
using Parley.Server.Chat.Generation.Extractive;

namespace Parley.Bench.Tests.Eval.Unanswerable;

public class FallbackAnswerTests
{
    private static readonly Citation[] OneCitation = [new("Page", "http://d/page.html", 0.5)];

    [Fact]
    public void Is_TheNotFoundText_IsAFallbackEvenWithCitations()
    {
        Assert.True(FallbackAnswer.Is(new ChatAnswer(ExtractiveAnswer.NotFound, OneCitation, TimeSpan.Zero)));
    }

    [Fact]
    public void Is_TheNotFoundTextReworded_IsStillAFallbackByItsPrefix()
    {
        var reworded = FallbackAnswer.NotFoundPrefix + ", sorry. Try the search box instead.";

        Assert.True(FallbackAnswer.Is(new ChatAnswer(reworded, OneCitation, TimeSpan.Zero)));
    }

    [Fact]
    public void Is_AnAnswerWithoutCitations_IsAFallback()
    {
        Assert.True(FallbackAnswer.Is(new ChatAnswer("I'm not sure that is covered here.", [], TimeSpan.Zero)));
    }

    [Fact]
    public void Is_AQuoteWithACitation_IsConfident()
    {
        Assert.False(FallbackAnswer.Is(new ChatAnswer("Use apt purge to remove a package and its configuration.", OneCitation, TimeSpan.Zero)));
    }

    [Fact]
    public void Is_AFailedAnswer_IsNotAFallback()
    {
        var failed = ChatAnswer.Failed("service_unavailable: No credits.", "", TimeSpan.Zero);

        Assert.False(FallbackAnswer.Is(failed));
        Assert.True(new UnanswerableResult(new EvalQuestion("u", "?", [], [], "unanswerable"), failed).Failed);
    }

    [Fact]
    public void FallbackShare_CountsFallbacksOverAllQuestions()
    {
        var question = new EvalQuestion("u", "?", [], [], "unanswerable");
        var run = new UnanswerableRun("u.jsonl",
        [
            new(question, new ChatAnswer(ExtractiveAnswer.NotFound, [], TimeSpan.Zero)),
            new(question, new ChatAnswer("A confident quote.", OneCitation, TimeSpan.Zero)),
            new(question, ChatAnswer.Failed("timeout", "", TimeSpan.Zero)),
            new(question, new ChatAnswer("Nothing to cite.", [], TimeSpan.Zero)),
        ]);

        Assert.Equal(0.5, run.FallbackShare);
        Assert.Single(run.Confident);
    }
}
