using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// A manual page as tools publish them (a crawled HTML page whose options and settings are definition lists, with
/// placeholders such as &lt;pattern&gt;): an option stays one sentence with what it does, through search and the
/// offline answer, and the placeholders reach the visitor character for character.
/// </summary>
public class ManualPageAnswerTests : BackendTest
{
    private const string Options =
        """
        <h2 id="_description">DESCRIPTION</h2>
        <div class="paragraph"><p>Cleans the brew cache of a Brewmate machine by removing leftover recipe files.</p></div>
        <h2 id="_options">OPTIONS</h2>
        <div class="dlist"><dl>
        <dt class="hdlist1">-f</dt>
        <dt class="hdlist1">--force</dt>
        <dd><p>Remove recipe files even when the machine is brewing.</p></dd>
        <dt class="hdlist1">-n</dt>
        <dt class="hdlist1">--dry-run</dt>
        <dd><p>Don&#8217;t actually remove anything, just show what would be done.</p></dd>
        <dt class="hdlist1">-e &lt;pattern&gt;</dt>
        <dt class="hdlist1">--exclude=&lt;pattern&gt;</dt>
        <dd><p>Keep the recipe files whose names match &lt;pattern&gt;, for example seasonal blends.</p></dd>
        <dt class="hdlist1">--format=&lt;format&gt;</dt>
        <dd><p>Print the removed files in the given format:</p>
        <div class="ulist"><ul><li><p>short: only the file names</p></li><li><p>long: the names with their sizes</p></li></ul></div></dd>
        </dl></div>
        <h2 id="_configuration">CONFIGURATION</h2>
        <div class="dlist"><dl>
        <dt class="hdlist1">clean.keepDays</dt>
        <dd><p>How many days a recipe file is kept before brewctl clean removes it. Defaults to 30.</p></dd>
        </dl></div>
        """;

    [Theory]
    [MemberData(nameof(SectionAnswerTests.Embeddings), MemberType = typeof(SectionAnswerTests))]
    public async Task An_option_is_answered_with_what_its_definition_says(string embeddings)
    {
        var (app, site, botId) = await StartWithManualAsync(embeddings);
        await using var _ = app;
        await using var __ = site;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "What does the --dry-run option of brewctl clean do?", ChatStreams.NewSession()));

        Assert.Contains("-n, --dry-run", answer.Text, StringComparison.Ordinal);
        Assert.Contains("just show what would be done", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("#_options", Assert.Single(answer.Citations!).SourceUrl!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SectionAnswerTests.Embeddings), MemberType = typeof(SectionAnswerTests))]
    public async Task Placeholders_in_angle_brackets_reach_the_answer_as_written(string embeddings)
    {
        var (app, site, botId) = await StartWithManualAsync(embeddings);
        await using var _ = app;
        await using var __ = site;

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "How do I keep some recipe files when I run brewctl clean?", ChatStreams.NewSession()));

        Assert.Contains("--exclude=<pattern>", answer.Text, StringComparison.Ordinal);
        Assert.Contains("names match <pattern>", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_term_opens_its_definition_in_the_passages_search_returns()
    {
        var (app, site, botId) = await StartWithManualAsync("none");
        await using var _ = app;
        await using var __ = site;
        using var admin = app.Admin();

        var found = await admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "brewctl clean format sizes" });
        var text = string.Join("\n\n", found.Json.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("text").GetString()));

        Assert.Contains("**-n, --dry-run**: Don’t actually remove anything", text, StringComparison.Ordinal);
        Assert.Contains("**-e <pattern>, --exclude=<pattern>**: Keep the recipe files", text, StringComparison.Ordinal);
        // A definition that opens with a list is introduced by its term, as a sentence ending in a colon.
        Assert.Contains("**--format=<format>**: Print the removed files in the given format:\n\n- short: only the file names", text, StringComparison.Ordinal);
    }

    private async Task<(ParleyApp App, FakeSite Site, string BotId)> StartWithManualAsync(string embeddings)
    {
        var site = await FakeSite.StartAsync();
        site.Page("/brewctl-clean.html", FakeSite.Html("brewctl-clean(1)", Options));
        var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", embeddings).With("Parley:Knowledge:AllowPrivateNetworks", "true"));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();
        var sourceId = await admin.AddFetchedSourceAsync(botId, new { type = "url", url = site.Url("/brewctl-clean.html") });
        await admin.WaitForSyncAsync(botId, sourceId);
        return (app, site, botId);
    }
}
