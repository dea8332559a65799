using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge.Ingestion;

/// <summary>By default the crawler refuses to fetch from the server's own machine or network.</summary>
public class PrivateNetworkTests : ParleyTest
{
    [Theory]
    [InlineData("url")]
    [InlineData("crawl")]
    [InlineData("sitemap")]
    public async Task A_source_on_a_loopback_address_fails_and_the_site_is_never_asked(string type)
    {
        await using var site = await FakeSite.StartAsync();
        site.Page("/", FakeSite.Html("Internal", "<p>Internal admin panel.</p>"));
        var botId = await Admin.CreateBotAsync();

        var sourceId = await Admin.AddFetchedSourceAsync(botId, new { type, url = site.Url("/") });
        var source = await Admin.WaitForSyncAsync(botId, sourceId);

        Assert.Equal("failed", source.GetProperty("status").GetString());
        Assert.Contains("not a public address", source.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, source.GetProperty("chunks").GetInt32());
        Assert.Empty(site.Requests);
    }
}
