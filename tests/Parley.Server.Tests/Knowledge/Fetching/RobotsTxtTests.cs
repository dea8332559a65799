using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Tests.Knowledge.Fetching;

public sealed class RobotsTxtTests
{
    private static bool Allowed(string robots, string pathAndQuery, string agent = WebFetcher.RobotsAgent) =>
        RobotsTxt.Parse(robots).IsAllowed(new Uri("https://shop.example" + pathAndQuery), agent);

    [Fact]
    public void IsAllowed_OwnGroupPresent_IgnoresTheStarGroup()
    {
        const string robots = """
            User-agent: *
            Disallow: /

            User-agent: parleybot
            Disallow: /private
            """;

        Assert.True(Allowed(robots, "/shipping"));
        Assert.False(Allowed(robots, "/private/notes"));
        Assert.False(Allowed(robots, "/shipping", "OtherBot"));
    }

    [Fact]
    public void IsAllowed_AgentLineWithVersion_MatchesByProductToken()
    {
        const string robots = """
            User-agent: ParleyBot/1.0
            Disallow: /cart
            """;

        Assert.False(Allowed(robots, "/cart", WebFetcher.UserAgent));
        Assert.True(Allowed(robots, "/cart", "Parley"));
    }

    [Fact]
    public void IsAllowed_NoGroupForUsOrStar_AllowsAll()
    {
        Assert.True(Allowed("User-agent: Googlebot\nDisallow: /", "/anything"));
    }

    [Fact]
    public void IsAllowed_GroupWithSeveralAgents_AppliesToEach()
    {
        const string robots = """
            User-agent: Googlebot
            User-agent: ParleyBot
            Disallow: /search
            """;

        Assert.False(Allowed(robots, "/search?q=shoes"));
        Assert.False(Allowed(robots, "/search", "Googlebot"));
    }

    [Fact]
    public void IsAllowed_TwoGroupsForUs_AreMerged()
    {
        const string robots = """
            User-agent: ParleyBot
            Disallow: /a

            User-agent: *
            Disallow: /b

            User-agent: ParleyBot
            Disallow: /c
            """;

        Assert.False(Allowed(robots, "/a"));
        Assert.True(Allowed(robots, "/b"));
        Assert.False(Allowed(robots, "/c"));
    }

    [Fact]
    public void IsAllowed_LongerAllowInsideDisallow_WinsForItsPaths()
    {
        const string robots = """
            User-agent: *
            Disallow: /shop
            Allow: /shop/help
            """;

        Assert.False(Allowed(robots, "/shop/cart"));
        Assert.True(Allowed(robots, "/shop/help/returns"));
        Assert.False(Allowed(robots, "/shopping"));
    }

    [Fact]
    public void IsAllowed_LongerDisallowInsideAllow_WinsForItsPaths()
    {
        const string robots = """
            User-agent: *
            Allow: /docs
            Disallow: /docs/drafts
            """;

        Assert.True(Allowed(robots, "/docs/install"));
        Assert.False(Allowed(robots, "/docs/drafts/next"));
    }

    [Fact]
    public void IsAllowed_AllowAndDisallowOfEqualLength_Allows()
    {
        Assert.True(Allowed("User-agent: *\nDisallow: /page\nAllow: /page", "/page"));
    }

    [Theory]
    [InlineData("/docs/manual.pdf", false)]
    [InlineData("/manual.PDF", true)]
    [InlineData("/docs/manual.pdf?download=1", true)]
    [InlineData("/docs/manual.pdf.html", true)]
    public void IsAllowed_StarAndDollar_MatchSuffix(string path, bool allowed)
    {
        Assert.Equal(allowed, Allowed("User-agent: *\nDisallow: /*.pdf$", path));
    }

    [Theory]
    [InlineData("/products?sessionid=42", false)]
    [InlineData("/products?page=2&sessionid=42", false)]
    [InlineData("/products?page=2", true)]
    public void IsAllowed_StarInTheMiddle_MatchesAnyRun(string path, bool allowed)
    {
        Assert.Equal(allowed, Allowed("User-agent: *\nDisallow: /*sessionid=", path));
    }

    [Fact]
    public void IsAllowed_DollarAfterSlash_DisallowsOnlyTheRoot()
    {
        const string robots = "User-agent: *\nDisallow: /$";

        Assert.False(Allowed(robots, "/"));
        Assert.True(Allowed(robots, "/about"));
    }

    [Fact]
    public void IsAllowed_EmptyDisallow_AllowsAll()
    {
        Assert.True(Allowed("User-agent: *\nDisallow:", "/anything"));
    }

    [Fact]
    public void IsAllowed_RobotsTxtItself_IsAlwaysAllowed()
    {
        Assert.True(Allowed("User-agent: *\nDisallow: /", "/robots.txt"));
    }

    [Fact]
    public void IsAllowed_RulesBeforeAnyAgent_AreIgnored()
    {
        Assert.True(Allowed("Disallow: /\n\nUser-agent: *\nDisallow: /tmp", "/shipping"));
    }

    [Fact]
    public void IsAllowed_CommentsCrlfAndOddCase_AreRead()
    {
        const string robots = "# shop rules\r\nUSER-AGENT: * # everyone\r\nDISALLOW: /admin # staff only\r\n";

        Assert.False(Allowed(robots, "/admin/users"));
        Assert.True(Allowed(robots, "/"));
    }

    [Theory]
    [InlineData("Disallow: /café")]
    [InlineData("Disallow: /caf%C3%A9")]
    [InlineData("Disallow: /caf%c3%a9")]
    public void IsAllowed_PercentEncodedOrNot_MatchesTheSamePath(string rule)
    {
        Assert.False(Allowed("User-agent: *\n" + rule, "/café/menu"));
    }

    [Fact]
    public void IsAllowed_PatternWithoutLeadingSlash_IsReadAsPath()
    {
        Assert.False(Allowed("User-agent: *\nDisallow: tmp", "/tmp/x"));
    }

    [Fact]
    public void CrawlDelay_OfTheGroupThatApplies_IsRead()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nCrawl-delay: 2.5\n\nUser-agent: Slowbot\nCrawl-delay: 30");

        Assert.Equal(TimeSpan.FromSeconds(2.5), robots.CrawlDelay());
        Assert.Equal(TimeSpan.FromSeconds(30), robots.CrawlDelay("Slowbot"));
        Assert.Null(RobotsTxt.Parse("User-agent: *\nDisallow: /x").CrawlDelay());
    }

    [Fact]
    public void Sitemaps_AnywhereInTheFile_AreCollected()
    {
        var robots = RobotsTxt.Parse("""
            Sitemap: https://shop.example/sitemap.xml
            User-agent: *
            Disallow: /cart
            Sitemap: https://shop.example/blog/sitemap.xml
            Sitemap: /relative.xml
            """);

        Assert.Equal([new Uri("https://shop.example/sitemap.xml"), new Uri("https://shop.example/blog/sitemap.xml")], robots.Sitemaps);
        Assert.False(robots.IsAllowed(new Uri("https://shop.example/cart")));
    }

    [Fact]
    public void Parse_HtmlInsteadOfRobots_AllowsAll()
    {
        Assert.True(Allowed("<!doctype html><html><body><h1>Not found</h1></body></html>", "/shipping"));
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(401, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void FromFetch_ErrorStatus_AllowsOnClientErrorsOnly(int status, bool allowed)
    {
        var result = new FetchResult { Status = FetchStatus.HttpError, FinalUrl = new Uri("https://shop.example/robots.txt"), HttpStatus = status };

        Assert.Equal(allowed, RobotsTxt.FromFetch(result).IsAllowed(new Uri("https://shop.example/shipping")));
    }

    [Theory]
    [InlineData(FetchStatus.TimedOut)]
    [InlineData(FetchStatus.HostNotFound)]
    [InlineData(FetchStatus.Unreachable)]
    [InlineData(FetchStatus.NetworkError)]
    [InlineData(FetchStatus.RefusedAddress)]
    public void FromFetch_Unreachable_DisallowsAll(FetchStatus status)
    {
        var result = new FetchResult { Status = status, FinalUrl = new Uri("https://shop.example/robots.txt") };

        Assert.False(RobotsTxt.FromFetch(result).IsAllowed(new Uri("https://shop.example/")));
    }

    [Fact]
    public void FromFetch_Body_IsParsed()
    {
        var result = new FetchResult
        {
            Status = FetchStatus.Ok,
            FinalUrl = new Uri("https://shop.example/robots.txt"),
            MediaType = "text/plain",
            Body = "User-agent: *\nDisallow: /cart\n"u8.ToArray(),
        };

        var robots = RobotsTxt.FromFetch(result);

        Assert.False(robots.IsAllowed(new Uri("https://shop.example/cart")));
        Assert.True(robots.IsAllowed(new Uri("https://shop.example/shipping")));
    }
}
