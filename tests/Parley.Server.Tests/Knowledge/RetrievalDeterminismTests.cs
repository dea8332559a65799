using System.Net;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// The same question against the same knowledge gets the same passages in the same order, every time: asked again
/// and again, many at once, and after the bot's index is rebuilt. The knowledge is made of near-ties and exact ties
/// (pages repeating the same sentences under the same titles), so any order that is not total shows.
/// </summary>
public class RetrievalDeterminismTests : ParleyTest
{
    private static readonly string[] Titles = ["Kettle care", "Warranty and repairs", "Shipping and returns", "Descaling guide"];

    private static readonly string[] Sentences =
    [
        "Descale your kettle once a month with white vinegar to remove limescale.",
        "Every kettle carries a two-year warranty against manufacturing defects.",
        "Orders above fifty euros ship free within the European Union.",
        "A damaged kettle can be returned within thirty days for a full refund.",
        "The heating element of a kettle is covered by the warranty, the seals are not.",
        "Hard water leaves limescale in the kettle, which slows boiling.",
        "Returns are shipped back to our warehouse at our cost.",
        "Repairs under warranty take about two weeks, shipping included.",
        "Never use bleach to descale a kettle, it damages the seals.",
        "Customers can track the shipping of their order online.",
    ];

    private static readonly string[] Questions =
    [
        "How do I descale my kettle?",
        "How long is the warranty on a kettle?",
        "Do orders ship free?",
        "Can I return a damaged kettle for a refund?",
        "Is the heating element covered by the warranty?",
        "How long do repairs take?",
        "Why does my kettle boil slowly?",
        "Can I use bleach on the seals?",
    ];

    // Enough chunks that the index's per-question buffers are not small ones, with every (title, text) repeated on several pages.
    private const int Pages = 640;

    [Fact]
    public async Task The_same_question_gets_the_same_passages_in_the_same_order_asked_repeatedly_at_once_and_after_a_rebuild()
    {
        var botId = await Admin.CreateBotAsync();
        await AddNearTiesAsync(botId);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in Questions)
            expected[question] = await SearchAsync(question);
        Assert.All(expected.Values, ranked => Assert.Equal(10, ranked.Split('\n').Length));

        for (var pass = 0; pass < 4; pass++)
        {
            foreach (var question in Questions)
                Assert.Equal(expected[question], await SearchAsync(question));
        }

        var together = await Task.WhenAll(Enumerable.Range(0, 6).SelectMany(_ => Questions)
            .Select(async question => (question, ranked: await Task.Run(() => SearchAsync(question)))));
        Assert.All(together, asked => Assert.Equal(expected[asked.question], asked.ranked));

        // The knowledge changes and changes back: the rebuilt index answers as before.
        var extra = await Admin.AddTextAsync(botId, "Kettle care", Sentences[0], "https://kettles.test/extra");
        (await Admin.Http.SendReplyAsync(HttpMethod.Delete, $"/v1/bots/{botId}/sources/{extra}")).AssertStatus(HttpStatusCode.NoContent);
        foreach (var question in Questions)
            Assert.Equal(expected[question], await SearchAsync(question));

        async Task<string> SearchAsync(string query)
        {
            var reply = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query, limit = 10 });
            reply.AssertStatus(HttpStatusCode.OK);
            return string.Join('\n', reply.Json.GetProperty("passages").EnumerateArray()
                .Select(p => $"{p.GetProperty("rank").GetInt32()} {p.GetProperty("source_url").GetString()} {p.GetProperty("score").GetDouble()}"));
        }
    }

    [Fact]
    public async Task The_same_question_to_the_chat_cites_the_same_pages_in_the_same_order()
    {
        var botId = await Admin.CreateBotAsync();
        await AddNearTiesAsync(botId);
        var chat = App.PublicChat();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in Questions.Take(4))
            expected[question] = await CitedAsync(question);
        Assert.All(expected.Values, Assert.NotEmpty);

        for (var pass = 0; pass < 3; pass++)
        {
            var together = await Task.WhenAll(Questions.Take(4).Select(async question => (question, cited: await Task.Run(() => CitedAsync(question)))));
            Assert.All(together, asked => Assert.Equal(expected[asked.question], asked.cited));
        }

        async Task<string> CitedAsync(string question)
        {
            var answer = await chat.AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));
            return string.Join('\n', answer.Citations!.Select(c => c.SourceUrl));
        }
    }

    /// <summary>Pages whose title and text repeat every <c>Titles × Sentences</c> pages: exact ties by words and by meaning, and many near ones.</summary>
    private async Task AddNearTiesAsync(string botId)
    {
        await Parallel.ForAsync(0, Pages, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (page, _) =>
        {
            var text = string.Join(' ', Enumerable.Range(0, 3).Select(s => Sentences[((page % 20) + (s * 3)) % Sentences.Length]));
            await Admin.AddTextAsync(botId, Titles[page % Titles.Length], text, $"https://kettles.test/pages/{page}");
        });
    }
}
