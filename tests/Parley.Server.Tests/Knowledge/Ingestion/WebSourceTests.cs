using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge.Ingestion;

/// <summary>URL, sitemap and crawl sources, fetched in the background from a real (loopback) website.</summary>
public class WebSourceTests : ParleyTest
{
    private FakeSite _site = null!;

    protected override void Configure(ParleyApp app) => app.With("Parley:Knowledge:AllowPrivateNetworks", "true");

    public override async Task InitializeAsync()
    {
        _site = await FakeSite.StartAsync();
        _site.Page("/", FakeSite.Html("Welcome", "<p>Kettle Co sells kettles and toasters.</p>", "/help/descaling", "/help/warranty", "/blog/news"));
        _site.Page("/help/descaling", FakeSite.Html("Descaling",
            """<h2 id="vinegar">Descaling with vinegar</h2><p>Fill the kettle with equal parts white vinegar and water, boil it, and leave it for an hour before rinsing twice.</p>""",
            "/help/warranty"));
        _site.Page("/help/warranty", FakeSite.Html("Warranty", "<p>Every kettle has a two-year warranty against manufacturing defects.</p>", "/help/descaling"));
        _site.Page("/blog/news", FakeSite.Html("News", "<p>Our summer sale starts in June with discounts on toasters.</p>"));
        _site.Page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task A_crawl_indexes_the_site_and_answers_with_a_citation_to_the_right_section()
    {
        var botId = await Admin.CreateBotAsync();
        var created = await Admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "crawl", url = _site.Url("/"), max_pages = 20, max_depth = 3 });
        Assert.Equal("queued", created.GetProperty("status").GetString());

        var source = await Admin.WaitForSyncAsync(botId, created.GetProperty("id").GetString()!);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(4, source.GetProperty("pages").GetInt32());
        Assert.True(source.GetProperty("chunks").GetInt32() >= 4);
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale my kettle with vinegar?", ChatStreams.NewSession()));
        Assert.Contains("vinegar", answer.Text, StringComparison.Ordinal);
        Assert.Equal(_site.Url("/help/descaling") + "#vinegar", answer.Citations![0].SourceUrl);
        Assert.DoesNotContain("cookies", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_crawl_keeps_to_its_limits_globs_and_robots_txt()
    {
        _site.Page("/help/private-note", FakeSite.Html("Private", "<p>Hidden.</p>"));
        _site.Page("/private/secret", FakeSite.Html("Secret", "<p>Never crawl this.</p>"));
        _site.Page("/help/index", FakeSite.Html("Help", "<p>Help pages.</p>", "/help/descaling", "/private/secret", "/help/private-note"));
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/help/index"), max_pages = 10, max_depth = 2, exclude = new[] { "/help/private-*" } });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(0, _site.Hits("/private/secret"));
        Assert.Equal(0, _site.Hits("/help/private-note"));
        Assert.True(_site.Hits("/help/descaling") >= 1);
    }

    [Fact]
    public async Task Max_pages_stops_a_crawl()
    {
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 2, max_depth = 5 });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal(2, source.GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task A_sitemap_source_indexes_every_listed_page()
    {
        _site.Page("/sitemap.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{_site.Url("/help/descaling")}</loc></url>
              <url><loc>{_site.Url("/help/warranty")}</loc></url>
            </urlset>
            """, "application/xml");
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "sitemap", url = _site.Url("/sitemap.xml") });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(2, source.GetProperty("pages").GetInt32());
        Assert.Equal(2, source.GetProperty("pages_total").GetInt32());
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long is the kettle warranty?", ChatStreams.NewSession()));
        Assert.Contains("two-year", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resync_refetches_conditionally_reindexes_what_changed_and_drops_what_is_gone()
    {
        var botId = await Admin.CreateBotAsync();
        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 20, max_depth = 3 });
        await Admin.WaitForSyncAsync(botId, sourceId);

        _site.Page("/help/warranty", FakeSite.Html("Warranty", "<p>Every kettle now has a five-year warranty against manufacturing defects.</p>", "/help/descaling"));
        _site.Remove("/blog/news");
        using var sync = await Admin.Http.PostAsync($"/v1/bots/{botId}/sources/{sourceId}/sync", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sync.StatusCode);
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Contains(_site.Requests, r => r.Path == "/help/descaling" && r.Status == 304);
        var warranty = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long is the kettle warranty?", ChatStreams.NewSession()));
        Assert.Contains("five-year", warranty.Text, StringComparison.Ordinal);
        var sale = await App.PublicChat().AskAsync(new ChatRequest(botId, "When does the summer sale on toasters start?", ChatStreams.NewSession()));
        Assert.DoesNotContain(sale.Citations!, c => c.SourceUrl!.Contains("/blog/news", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identical_content_under_two_urls_is_indexed_once()
    {
        _site.Page("/help/descaling-copy", FakeSite.Html("Descaling",
            """<h2 id="vinegar">Descaling with vinegar</h2><p>Fill the kettle with equal parts white vinegar and water, boil it, and leave it for an hour before rinsing twice.</p>""",
            "/help/warranty"));
        _site.Page("/", FakeSite.Html("Welcome", "<p>Kettle Co sells kettles.</p>", "/help/descaling", "/help/descaling-copy"));
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 20, max_depth = 2 });
        await Admin.WaitForSyncAsync(botId, sourceId);

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale my kettle with vinegar?", ChatStreams.NewSession()));
        Assert.Single(answer.Citations!, c => c.PageTitle.StartsWith("Descaling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_single_url_source_fetches_just_that_page()
    {
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "url", url = _site.Url("/help/warranty") });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal(1, source.GetProperty("pages").GetInt32());
        Assert.Equal(0, _site.Hits("/help/descaling"));
    }

    [Fact]
    public async Task A_link_longer_than_a_source_url_may_be_is_not_followed_and_the_crawl_goes_on()
    {
        var botId = await Admin.CreateBotAsync();
        var longPath = "/help/" + string.Concat(Enumerable.Range(0, 100).Select(_ => Guid.NewGuid().ToString("N")));
        _site.Page(longPath, FakeSite.Html("Far away", "<p>A page behind a link of 3,200 characters.</p>"));
        _site.Page("/help/links", FakeSite.Html("Links", "<p>Where to go next.</p>", longPath, "/help/descaling"));

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/help/links"), max_pages = 10, max_depth = 1 });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(3, source.GetProperty("pages").GetInt32()); // This page, the descaling page and the home page.
        Assert.Equal(0, _site.Hits(longPath));
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale my kettle with vinegar?", ChatStreams.NewSession()));
        Assert.Contains("vinegar", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_a_stray_nul_is_indexed_without_it()
    {
        var botId = await Admin.CreateBotAsync();
        // Plain text: HTML and Markdown parsers already turn a NUL into U+FFFD, plain text keeps it for the server to drop.
        _site.Page("/help/returns.txt", "Returns policy: unused kettles can be returned\0 within 30 days.\n", "text/plain; charset=utf-8");

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "url", url = _site.Url("/help/returns.txt") });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("ready", source.GetProperty("status").GetString());
        Assert.Equal(1, source.GetProperty("pages").GetInt32());
        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "Can I return an unused kettle?", ChatStreams.NewSession()));
        Assert.Contains("returned within 30 days", answer.Text, StringComparison.Ordinal);
        Assert.Single(answer.Citations!);
    }

    [Fact]
    public async Task Deleting_a_crawled_source_removes_its_knowledge()
    {
        var botId = await Admin.CreateBotAsync();
        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type = "crawl", url = _site.Url("/"), max_pages = 20, max_depth = 3 });
        await Admin.WaitForSyncAsync(botId, sourceId);

        using var deleted = await Admin.Http.DeleteAsync($"/v1/bots/{botId}/sources/{sourceId}");

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How do I descale my kettle with vinegar?", ChatStreams.NewSession()));
        Assert.Empty(answer.Citations!);
    }
}
