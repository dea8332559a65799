using Parley.Server.Chat.SavedAnswers;

namespace Parley.Server.Tests.Chat.SavedAnswers;

/// <summary>How saved answers read two questions' words, and pick among saved questions, without a server.</summary>
public class SavedAnswerWordsTests
{
    [Theory]
    [InlineData("paypal accepted?", "Do you accept PayPal?", WordOverlap.Same)]
    [InlineData("shipping to canada?", "Do you ship to Canada?", WordOverlap.Same)]
    [InlineData("Are sale items returnable?", "Can I return a sale item?", WordOverlap.Same)]
    [InlineData("pool?", "Is there a swimming pool?", WordOverlap.Fewer)]
    [InlineData("How much is shipping to Canada?", "Do you ship to Canada?", WordOverlap.More)]
    [InlineData("Is the restaurant open on Saturday?", "Is the restaurant open on Sunday?", WordOverlap.Replaced)]
    [InlineData("What time is check-out?", "What time is check-in?", WordOverlap.Replaced)]
    [InlineData("Is there a discount on Pro products?", "How much does the Pro plan cost?", WordOverlap.Replaced)]
    [InlineData("Who founded the company?", "Where is my order?", WordOverlap.Replaced)]
    public void Compare_TwoQuestions_TellsHowTheirWordsDiffer(string asked, string saved, WordOverlap expected) =>
        Assert.Equal(expected, QuestionWords.Compare(QuestionWords.Of(asked), QuestionWords.Of(saved)).Overlap);

    [Fact]
    public void Of_MeaningAtTheSameQuestionLevel_MatchesAtTheDefaultOnlyWithoutAReplacedWord()
    {
        Assert.True(QuestionCloseness.Of(0.5, new WordAgreement(WordOverlap.Same, 1)) >= QuestionCloseness.DefaultThreshold);
        Assert.True(QuestionCloseness.Of(0.96, new WordAgreement(WordOverlap.Fewer, 0.5)) >= QuestionCloseness.DefaultThreshold);
        Assert.True(QuestionCloseness.Of(0.9, new WordAgreement(WordOverlap.More, 0.5)) < QuestionCloseness.DefaultThreshold);
        // Saturday for Sunday: 1.04 on MiniLM's scale, a replaced word.
        Assert.True(QuestionCloseness.Of(1.04, new WordAgreement(WordOverlap.Replaced, 0.67)) < QuestionCloseness.DefaultThreshold);
    }

    [Fact]
    public void Pick_TwoAnswersAboutEquallyClose_PicksNeither()
    {
        Assert.Null(SavedAnswerChoice.Pick([0.97, 0.95], ["Yes.", "No."], 0.9));
        Assert.Equal(0, SavedAnswerChoice.Pick([0.97, 0.95], ["Yes.", "Yes."], 0.9));
        Assert.Equal(1, SavedAnswerChoice.Pick([0.5, 0.95], ["Yes.", "No."], 0.9));
        Assert.Null(SavedAnswerChoice.Pick([0.5, 0.85], ["Yes.", "No."], 0.9));
    }
}
