using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>The offline generator reads a sentence in its section: a question its heading asks is answered by the sentence under it.</summary>
public class ExtractiveSectionContextTests : ParleyTest
{
    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Provider", "none");

    [Theory]
    [InlineData("How long do refunds take to arrive?", "5 business days")]
    [InlineData("How long does a refund take?", "5 business days")]
    public async Task A_sentence_that_leaves_the_question_words_to_its_heading_is_quoted_rather_than_refused(string question, string expected)
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Citations!);
    }
}
