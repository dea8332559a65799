using System.Net;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// A source's pages, each with what the last sync did with it and why, and the passages the bot holds from a page:
/// read over HTTP after a real crawl of a loopback website.
/// </summary>
public class SourcePagesTests : ParleyTest
{
    private const string UnknownId = "00000000-0000-0000-0000-000000000000";

    private FakeSite _site = null!;

    protected override void Configure(ParleyApp app) => app.With("Parley:Knowledge:AllowPrivateNetworks", "true");

    public override async Task InitializeAsync()
    {
        _site = await FakeSite.StartAsync();
        _site.Page("/", FakeSite.Html("Welcome", "<p>Kettle Co sells kettles and toasters.</p>",
            "/help/descaling", "/help/warranty", "/private/secret", "/logo.png", "/gone", "/blog/news", "/help/hidden"));
        _site.Page("/help/descaling", FakeSite.Html("Descaling",
            """
            <h2 id="vinegar">Descaling with vinegar</h2><p>Fill the kettle with equal parts white vinegar and water, boil it, and leave it for an hour before rinsing twice.</p>
            <h2 id="citric">Descaling with citric acid</h2><p>Two spoons of citric acid in a full kettle dissolve the scale in ten minutes.</p>
            """,
            "/help/deeper"));
        _site.Page("/help/warranty", FakeSite.Html("Warranty", "<p>Every kettle has a two-year warranty against manufacturing defects.</p>"));
        _site.Page("/help/hidden", """<!doctype html><html><head><title>Hidden</title><meta name="robots" content="noindex"></head><body><main><p>Staff notes.</p></main></body></html>""");
        _site.Page("/private/secret", FakeSite.Html("Secret", "<p>Never crawl this.</p>"));
        _site.Page("/blog/news", FakeSite.Html("News", "<p>Our summer sale starts in June.</p>"));
        _site.Page("/help/deeper", FakeSite.Html("Deeper", "<p>Two links away.</p>"));
        _site.Page("/logo.png", "\u0089PNG\r\n\u001a\n", "image/png");
        _site.Page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task The_pages_of_a_crawl_say_which_were_indexed_skipped_or_failed_and_why()
    {
        var (botId, sourceId) = await CrawlAsync();

        var list = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/pages");
        var pages = Pages(list);

        var descaling = pages[_site.Url("/help/descaling")];
        Assert.Equal("indexed", descaling.GetProperty("status").GetString());
        Assert.Equal("Descaling", descaling.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, descaling.GetProperty("reason").ValueKind);
        Assert.Equal(2, descaling.GetProperty("chunks").GetInt32());
        Assert.InRange(descaling.GetProperty("fetched_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        AssertPage(pages, "/private/secret", "skipped", "robots.txt disallows", fetched: false);
        AssertPage(pages, "/logo.png", "skipped", "image/png", fetched: true);
        AssertPage(pages, "/gone", "failed", "HTTP 404", fetched: true);
        AssertPage(pages, "/blog/news", "skipped", "excluded by the pattern /blog/**", fetched: false);
        AssertPage(pages, "/help/hidden", "skipped", "noindex", fetched: true);
        AssertPage(pages, "/help/deeper", "skipped", "more than 1 links from the start page", fetched: false);
        Assert.Equal(0, _site.Hits("/private/secret"));
        Assert.Equal(0, _site.Hits("/blog/news"));
        Assert.Equal(0, _site.Hits("/help/deeper"));

        var counts = list.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("indexed").GetInt32()); // the home page, descaling and warranty
        Assert.Equal(5, counts.GetProperty("skipped").GetInt32());
        Assert.Equal(1, counts.GetProperty("failed").GetInt32());
        Assert.Equal(0, counts.GetProperty("unchanged").GetInt32());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("next_cursor").ValueKind);
        Assert.Equal(pages.Keys.Order(StringComparer.Ordinal), pages.Keys);
    }

    [Fact]
    public async Task Pages_filter_by_status_and_page_through_with_a_cursor()
    {
        var (botId, sourceId) = await CrawlAsync();
        var all = Pages(await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/pages")).Keys.ToList();

        var failed = Pages(await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/pages?status=failed"));
        Assert.Equal([_site.Url("/gone")], failed.Keys);

        var walked = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/pages?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.InRange(page.GetProperty("pages").GetArrayLength(), 1, 2);
            walked.AddRange(Pages(page).Keys);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task The_passages_of_a_page_are_what_the_bot_knows_from_it_in_order()
    {
        var (botId, sourceId) = await CrawlAsync();

        var passages = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/passages?url={Uri.EscapeDataString(_site.Url("/help/descaling"))}");

        Assert.Equal(_site.Url("/help/descaling"), passages.GetProperty("url").GetString());
        Assert.Equal("Descaling", passages.GetProperty("title").GetString());
        var list = passages.GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal([1, 2], list.Select(p => p.GetProperty("order").GetInt32()));
        Assert.Equal(["Descaling with vinegar", "Descaling with citric acid"], list.Select(p => p.GetProperty("heading").GetString()));
        Assert.Contains("white vinegar", list[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(_site.Url("/help/descaling") + "#vinegar", list[0].GetProperty("url").GetString());

        var skipped = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/passages?url={Uri.EscapeDataString(_site.Url("/logo.png"))}");
        Assert.Equal(0, skipped.GetProperty("passages").GetArrayLength());
    }

    [Fact]
    public async Task A_resync_reports_unchanged_pages_and_reindexes_the_changed_one()
    {
        var (botId, sourceId) = await CrawlAsync();
        _site.Page("/help/warranty", FakeSite.Html("Warranty", "<p>Every kettle now has a five-year warranty against manufacturing defects.</p>"));

        (await Admin.Http.PostAsync($"/v1/bots/{botId}/sources/{sourceId}/sync", null)).EnsureSuccessStatusCode();
        await Admin.WaitForSyncAsync(botId, sourceId);

        var pages = Pages(await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/pages"));
        AssertPage(pages, "/help/descaling", "unchanged", "Not modified", fetched: true);
        Assert.Equal(2, pages[_site.Url("/help/descaling")].GetProperty("chunks").GetInt32());
        Assert.Equal("indexed", pages[_site.Url("/help/warranty")].GetProperty("status").GetString());
        // The home page answered 304, so its links were not read again: those left out stay listed as they were.
        AssertPage(pages, "/private/secret", "skipped", "robots.txt disallows", fetched: false);
        var passages = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}/passages?url={Uri.EscapeDataString(_site.Url("/help/warranty"))}");
        Assert.Contains("five-year", passages.GetProperty("passages")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_or_qa_source_is_one_indexed_page_whose_passages_need_no_url()
    {
        var botId = await Admin.CreateBotAsync();
        var page = SampleKnowledge.Refunds;
        var textId = await Admin.AddTextAsync(botId, page.Title, page.Text, page.Url);
        var qaId = await Admin.AddQaAsync(botId, "Do you sell gift cards?", "Yes, from 10 to 200 euros.");

        var pages = await Admin.GetAsync($"/v1/bots/{botId}/sources/{textId}/pages");
        var only = Assert.Single(pages.GetProperty("pages").EnumerateArray());
        Assert.Equal(page.Url, only.GetProperty("url").GetString());
        Assert.Equal("indexed", only.GetProperty("status").GetString());
        Assert.Equal(1, pages.GetProperty("counts").GetProperty("indexed").GetInt32());

        var text = await Admin.GetAsync($"/v1/bots/{botId}/sources/{textId}/passages");
        Assert.Equal(["Refunds", "How long refunds take"], text.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("heading").GetString()));
        var qa = await Admin.GetAsync($"/v1/bots/{botId}/sources/{qaId}/passages");
        Assert.Equal("Yes, from 10 to 200 euros.", Assert.Single(qa.GetProperty("passages").EnumerateArray()).GetProperty("text").GetString());
        (await Admin.Http.GetReplyAsync($"/v1/bots/{botId}/sources/{textId}/passages?url=https%3A%2F%2Fshop.example.com%2Fother"))
            .AssertError(HttpStatusCode.NotFound, "page_not_found");
    }

    [Theory]
    [InlineData("pages?limit=0", "limit")]
    [InlineData("pages?limit=1001", "limit")]
    [InlineData("pages?limit=ten", "limit")]
    [InlineData("pages?status=done", "status")]
    [InlineData("pages?status=Indexed", "status")]
    [InlineData("pages?cursor=%25%25", "cursor")]
    [InlineData("passages", "url")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        var (botId, sourceId) = await CrawlAsync();

        (await Admin.Http.GetReplyAsync($"/v1/bots/{botId}/sources/{sourceId}/{query}")).AssertInvalid(field);
    }

    [Fact]
    public async Task A_page_the_source_never_met_is_a_404()
    {
        var (botId, sourceId) = await CrawlAsync();

        (await Admin.Http.GetReplyAsync($"/v1/bots/{botId}/sources/{sourceId}/passages?url={Uri.EscapeDataString(_site.Url("/nowhere"))}"))
            .AssertError(HttpStatusCode.NotFound, "page_not_found");
    }

    [Fact]
    public async Task Another_workspace_cannot_see_a_source_s_pages_or_passages()
    {
        var workspace = await Admin.CreateWorkspaceAsync();
        var (botId, sourceId) = await CrawlAsync(workspace);
        var pagesPath = $"/v1/bots/{botId}/sources/{sourceId}/pages";
        var passagesPath = $"/v1/bots/{botId}/sources/{sourceId}/passages?url={Uri.EscapeDataString(_site.Url("/help/descaling"))}";
        using var own = App.Admin(await Admin.CreateWorkspaceKeyAsync(workspace));
        using var other = App.Admin(await Admin.CreateWorkspaceKeyAsync(await Admin.CreateWorkspaceAsync()));

        await own.GetAsync(pagesPath);
        await own.GetAsync(passagesPath);
        (await other.Http.GetReplyAsync(pagesPath)).AssertError(HttpStatusCode.NotFound, "bot_not_found");
        (await other.Http.GetReplyAsync(passagesPath)).AssertError(HttpStatusCode.NotFound, "bot_not_found");

        // Under another bot, even of the same workspace, the source does not exist.
        var sibling = await Admin.CreateBotAsync(workspaceId: workspace);
        (await own.Http.GetReplyAsync($"/v1/bots/{sibling}/sources/{sourceId}/pages")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        (await own.Http.GetReplyAsync($"/v1/bots/{sibling}/sources/{sourceId}/passages")).AssertError(HttpStatusCode.NotFound, "source_not_found");
        (await own.Http.GetReplyAsync($"/v1/bots/{UnknownId}/sources/{sourceId}/pages")).AssertError(HttpStatusCode.NotFound, "bot_not_found");
    }

    private async Task<(string BotId, string SourceId)> CrawlAsync(string? workspaceId = null)
    {
        var botId = await Admin.CreateBotAsync(workspaceId: workspaceId);
        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 50, max_depth = 1, exclude = new[] { "/blog/**" } });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);
        Assert.Equal("ready", source.GetProperty("status").GetString());
        return (botId, sourceId);
    }

    private static Dictionary<string, JsonElement> Pages(JsonElement list) =>
        list.GetProperty("pages").EnumerateArray().ToDictionary(p => p.GetProperty("url").GetString()!);

    private void AssertPage(Dictionary<string, JsonElement> pages, string path, string status, string reason, bool fetched)
    {
        Assert.True(pages.TryGetValue(_site.Url(path), out var page), $"{path} is not listed: {string.Join(", ", pages.Keys)}");
        Assert.Equal(status, page.GetProperty("status").GetString());
        Assert.Contains(reason, page.GetProperty("reason").GetString(), StringComparison.Ordinal);
        if (status is "skipped" or "failed")
            Assert.Equal(0, page.GetProperty("chunks").GetInt32());
        Assert.Equal(fetched, page.GetProperty("fetched_at").ValueKind != JsonValueKind.Null);
    }
}
