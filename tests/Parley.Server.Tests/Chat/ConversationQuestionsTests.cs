using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// In a conversation, a new question is answered as itself unless it depends on what came before: the earlier
/// turn lends its context to a real follow-up, and never takes over a question that stands alone, with the
/// offline generator, with local embeddings and without.
/// </summary>
public class ConversationQuestionsTests : BackendTest
{
    private static readonly (string Title, string Url, string Text)[] Shop =
    [
        ("Shipping", "https://beans.example.com/shipping", """
            # Shipping

            We ship to Canada and the United Kingdom. Parcels to Canada arrive in 6 to 9 working days; parcels to the United Kingdom in 3 to 5.

            ## Shipping to Germany

            Orders to Germany are sent with DHL and arrive in 2 working days.
            """),
        ("Discounts", "https://beans.example.com/discounts", """
            # Discounts

            Students get a 10 percent discount on every order: send us a photo of a valid student card to receive a code.
            """),
        ("Roasting", "https://beans.example.com/roasting", """
            # Roasting

            Every bean is roasted in small batches in our Leeds workshop on Mondays and Thursdays.
            """),
    ];

    public static TheoryData<string> Embeddings => new() { "local", "none" };

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_question_that_stands_alone_is_answered_as_itself_after_another(string embeddings)
    {
        var (app, botId) = await StartShopAsync(embeddings);
        await using var _ = app;
        var chat = app.PublicChat();

        var first = await chat.AskAsync(new ChatRequest(botId, "Do you ship to Canada?", "visitor"));
        var second = await chat.AskAsync(new ChatRequest(botId, "Do you have any discounts for students?", "visitor", first.ConversationId));
        var third = await chat.AskAsync(new ChatRequest(botId, "Can I pay with PayPal?", "visitor", first.ConversationId));

        Assert.Contains("Canada", first.Text, StringComparison.Ordinal);
        Assert.Contains("10 percent discount", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Canada", second.Text, StringComparison.Ordinal);
        Assert.Equal("Discounts", second.Citations![0].PageTitle);
        Assert.Contains("couldn't find", third.Text, StringComparison.Ordinal);
        Assert.Empty(third.Citations!);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_follow_up_that_needs_the_earlier_question_keeps_its_context(string embeddings)
    {
        var (app, botId) = await StartShopAsync(embeddings);
        await using var _ = app;
        var chat = app.PublicChat();

        var first = await chat.AskAsync(new ChatRequest(botId, "Do you ship to Canada?", "visitor"));
        var followUp = await chat.AskAsync(new ChatRequest(botId, "And how long does that take?", "visitor", first.ConversationId));
        var aside = await chat.AskAsync(new ChatRequest(botId, "What about Germany?", "visitor", first.ConversationId));

        Assert.Contains("6 to 9 working days", followUp.Text, StringComparison.Ordinal);
        Assert.Equal("Shipping", followUp.Citations![0].PageTitle);
        Assert.Contains("2 working days", aside.Text, StringComparison.Ordinal);
    }

    private async Task<(ParleyApp App, string BotId)> StartShopAsync(string embeddings)
    {
        var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        foreach (var (title, url, text) in Shop)
            await admin.AddTextAsync(botId, title, text, url);
        return (app, botId);
    }
}
