using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// "How much…" and "how many…" ask for an amount or a duration, which the answer gives without repeating
/// those words: a small shop's price list and delivery terms are quoted, with local embeddings and without.
/// </summary>
public class AmountQuestionTests : BackendTest
{
    private const string Menu =
        """
        # Bean There Coffee menu

        ## Drinks
        - Espresso: 2.50 EUR
        - Flat white: 3.40 EUR
        - Oat milk is 0.40 EUR extra.

        ## Opening hours
        We open Monday to Friday from 7:00 to 18:00, and Saturday from 8:00 to 14:00. We are closed on Sundays.
        """;

    private const string Delivery =
        "We deliver coffee beans anywhere in Germany within 2 working days. Delivery is free above 30 EUR; below that it costs 4.90 EUR.";

    public static TheoryData<string, string, string> Questions => new()
    {
        { "local", "How much is a flat white?", "Flat white: 3.40 EUR" },
        { "none", "How much is a flat white?", "Flat white: 3.40 EUR" },
        { "local", "How much does delivery cost below 30 EUR?", "4.90 EUR" },
        { "none", "How much does delivery cost below 30 EUR?", "4.90 EUR" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task A_question_asking_how_much_or_how_long_gets_the_line_that_says_it(string embeddings, string question, string quoted)
    {
        await using var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Menu", Menu, "https://beanthere.example/menu");
        await admin.AddTextAsync(botId, "Delivery", Delivery, "https://beanthere.example/delivery");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        Assert.Contains(quoted, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SectionAnswerTests.Embeddings), MemberType = typeof(SectionAnswerTests))]
    public async Task A_price_the_knowledge_does_not_hold_still_gets_the_honest_fallback(string embeddings)
    {
        await using var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Menu", Menu, "https://beanthere.example/menu");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How much does a catering order for a wedding cost?", ChatStreams.NewSession()));

        Assert.DoesNotContain("EUR", answer.Text, StringComparison.Ordinal);
    }
}
