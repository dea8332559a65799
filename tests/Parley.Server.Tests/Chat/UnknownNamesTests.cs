using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// A question that names something the bot's knowledge never mentions (a product, a brand, a model number) gets the
/// offline generator's honest fallback, however close in meaning some passage is; a name the knowledge does
/// mention is answered as usual.
/// </summary>
public class UnknownNamesTests : BackendTest
{
    private const string Roasting =
        """
        # Roasting

        Every bean is roasted in small batches in our Leeds workshop on Mondays and Thursdays, and shipped the day after.
        """;

    private const string Grinders =
        """
        # Grinders

        Our burr grinder has 40 settings. Set it to 8 for espresso and to 30 for a French press.
        """;

    public static TheoryData<string> Embeddings => new() { "local", "none" };

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_question_naming_something_the_knowledge_never_mentions_gets_the_honest_fallback(string embeddings)
    {
        var (app, botId) = await StartRoasteryAsync(embeddings);
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "Do you roast the beans in a Probat roaster?", ChatStreams.NewSession()));

        Assert.Contains("couldn't find", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Leeds", answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Citations!);
    }

    [Theory]
    [MemberData(nameof(Embeddings))]
    public async Task A_name_the_knowledge_mentions_is_answered(string embeddings)
    {
        var (app, botId) = await StartRoasteryAsync(embeddings);
        await using var _ = app;

        var leeds = await app.PublicChat().AskAsync(new ChatRequest(botId, "Do you roast the beans in Leeds?", ChatStreams.NewSession()));
        var press = await app.PublicChat().AskAsync(new ChatRequest(botId, "Which grinder setting do I use for a French press?", ChatStreams.NewSession()));

        Assert.Contains("Leeds workshop", leeds.Text, StringComparison.Ordinal);
        Assert.Contains("30 for a French press", press.Text, StringComparison.Ordinal);
    }

    private async Task<(ParleyApp App, string BotId)> StartRoasteryAsync(string embeddings)
    {
        var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        await admin.AddTextAsync(botId, "Roasting", Roasting, "https://beans.example.com/roasting");
        await admin.AddTextAsync(botId, "Grinders", Grinders, "https://beans.example.com/grinders");
        return (app, botId);
    }
}
