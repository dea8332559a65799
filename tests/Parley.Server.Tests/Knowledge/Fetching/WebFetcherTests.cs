using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Knowledge.Fetching;

namespace Parley.Server.Tests.Knowledge.Fetching;

public sealed class WebFetcherTests : IAsyncLifetime
{
    private LoopbackSite _site = null!;

    public async Task InitializeAsync() => _site = await LoopbackSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    /// <summary>The default policy: public addresses only, as in production.</summary>
    private static WebFetcher PublicOnly(Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new(new FetchOptions(), AddressPolicy.PublicOnly, resolve);

    /// <summary>The test site's own address counts as public; every other address is judged as in production.</summary>
    private static WebFetcher SiteCountsAsPublic(FetchOptions? options = null) =>
        new(options ?? new FetchOptions(), new AddressPolicy(a => a.Equals(IPAddress.Loopback) || AddressPolicy.IsPublic(a)));

    private static WebFetcher PrivateAllowed(FetchOptions? options = null)
    {
        options ??= new FetchOptions();
        options.AllowPrivateNetworks = true;
        return new WebFetcher(Microsoft.Extensions.Options.Options.Create(options));
    }

    [Theory]
    [InlineData(null, FetchStatus.RefusedAddress)]
    [InlineData("false", FetchStatus.RefusedAddress)]
    [InlineData("true", FetchStatus.Ok)]
    public async Task FetchAsync_AllowPrivateNetworksSetting_DecidesWhetherLoopbackIsReached(string? setting, FetchStatus expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Parley:Knowledge:AllowPrivateNetworks"] = setting })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<WebFetcher>();
        services.AddOptions<FetchOptions>().BindConfiguration(FetchOptions.Section);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<WebFetcher>().FetchAsync(_site.Url("/page"));

        Assert.Equal(expected, result.Status);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/page")]
    [InlineData("http://localhost:{port}/page")]
    [InlineData("http://[::1]:{port}/page")]
    [InlineData("http://0.0.0.0:{port}/page")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/page")]
    [InlineData("http://2130706433:{port}/page")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[fd00::1]/")]
    public async Task FetchAsync_NonPublicAddress_IsRefusedWithoutConnecting(string template)
    {
        using var fetcher = PublicOnly();
        var url = new Uri(template.Replace("{port}", _site.Port.ToString()));

        var result = await fetcher.FetchAsync(url);

        Assert.Equal(FetchStatus.RefusedAddress, result.Status);
        Assert.Contains("not a public address", result.Error);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToPrivateAddress_IsRefused()
    {
        using var fetcher = PublicOnly((host, _) => Task.FromResult(new[] { IPAddress.Parse("10.1.2.3") }));

        var result = await fetcher.FetchAsync(new Uri("http://intranet.example/wiki"));

        Assert.Equal(FetchStatus.RefusedAddress, result.Status);
        Assert.Contains("intranet.example resolves to 10.1.2.3", result.Error);
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToPublicAndLoopback_IsRefusedWhole()
    {
        var answer = new[] { IPAddress.Parse("93.184.215.14"), IPAddress.Loopback };
        using var fetcher = PublicOnly((_, _) => Task.FromResult(answer));

        var result = await fetcher.FetchAsync(new Uri($"http://mixed.example:{_site.Port}/page"));

        Assert.Equal(FetchStatus.RefusedAddress, result.Status);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task FetchAsync_HostNameResolvingToAllowedAddress_ConnectsToThatAddress()
    {
        var asked = new List<string>();
        using var fetcher = new WebFetcher(new FetchOptions(), new AddressPolicy(a => a.Equals(IPAddress.Loopback)), (host, _) =>
        {
            asked.Add(host);
            return Task.FromResult(new[] { IPAddress.Loopback });
        });

        var result = await fetcher.FetchAsync(new Uri($"http://shop.example:{_site.Port}/page"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(["shop.example"], asked);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/admin")]
    [InlineData("http://127.0.0.2:{port}/page")]
    [InlineData("http://[::1]:{port}/page")]
    public async Task FetchAsync_RedirectToNonPublicAddress_IsRefusedAtThatHop(string template)
    {
        using var fetcher = SiteCountsAsPublic();
        var target = template.Replace("{port}", _site.Port.ToString());

        var result = await fetcher.FetchAsync(_site.Url("/to?url=" + Uri.EscapeDataString(target)));

        Assert.Equal(FetchStatus.RefusedAddress, result.Status);
        Assert.Equal(new Uri(target), result.FinalUrl);
        Assert.Equal(["/to"], _site.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file.txt")]
    [InlineData("gopher://127.0.0.1:6379/_INFO")]
    public async Task FetchAsync_RedirectToOtherScheme_IsInvalid(string target)
    {
        using var fetcher = SiteCountsAsPublic();

        var result = await fetcher.FetchAsync(_site.Url("/to?url=" + Uri.EscapeDataString(target)));

        Assert.Equal(FetchStatus.InvalidUrl, result.Status);
    }

    [Fact]
    public async Task FetchAsync_PrivateNetworksAllowed_ReadsPageWithItsValidators()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/page"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.True(result.IsOk);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(_site.Url("/page"), result.FinalUrl);
        Assert.Equal("text/html", result.MediaType);
        Assert.Equal("utf-8", result.Charset);
        Assert.Equal(LoopbackSite.PageHtml, result.Text());
        Assert.Equal(LoopbackSite.PageETag, result.ETag);
        Assert.Equal(LoopbackSite.PageModified, result.LastModified);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task FetchAsync_AnyRequest_IdentifiesAsParleyBot()
    {
        using var fetcher = PrivateAllowed();

        await fetcher.FetchAsync(_site.Url("/page"));

        Assert.StartsWith("ParleyBot/1.0", Assert.Single(_site.Requests).UserAgent);
    }

    [Fact]
    public async Task FetchAsync_MatchingETag_ReturnsNotModifiedWithoutBody()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/page"), etag: LoopbackSite.PageETag);

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal(304, result.HttpStatus);
        Assert.Equal(LoopbackSite.PageETag, result.ETag);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task FetchAsync_UnchangedSinceLastModified_ReturnsNotModified()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/page"), lastModified: LoopbackSite.PageModified);

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal(LoopbackSite.PageModified, result.LastModified);
    }

    [Fact]
    public async Task FetchAsync_StaleETag_ReturnsTheNewPage()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/page"), etag: "\"v0\"");

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(LoopbackSite.PageETag, result.ETag);
    }

    [Fact]
    public async Task FetchAsync_FiveRedirects_FollowsThemToTheFinalUrl()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/chain/5"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(_site.Url("/page"), result.FinalUrl);
        Assert.Equal(6, _site.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_SixRedirects_FailsAsTooManyRedirects()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/chain/6"));

        Assert.Equal(FetchStatus.TooManyRedirects, result.Status);
        Assert.Equal(6, _site.Requests.Count);
    }

    [Fact]
    public async Task FetchAsync_EndlessBody_StopsAtTheByteLimit()
    {
        using var fetcher = PrivateAllowed(new FetchOptions { MaxResponseBytes = 100_000 });

        var result = await fetcher.FetchAsync(_site.Url("/endless"));

        Assert.Equal(FetchStatus.TooLarge, result.Status);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task FetchAsync_SmallCompressedBodyThatUnpacksHuge_IsTooLarge()
    {
        using var fetcher = PrivateAllowed(new FetchOptions { MaxResponseBytes = 1024 * 1024 });

        var result = await fetcher.FetchAsync(_site.Url("/gzip-bomb"));

        Assert.Equal(FetchStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthOverLimit_FailsBeforeReading()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/claims-huge"));

        Assert.Equal(FetchStatus.TooLarge, result.Status);
    }

    [Theory]
    [InlineData("/stall")]
    [InlineData("/stall-body")]
    public async Task FetchAsync_ServerThatStalls_TimesOut(string path)
    {
        using var fetcher = PrivateAllowed(new FetchOptions { RequestTimeoutSeconds = 1 });
        var clock = Stopwatch.StartNew();

        var result = await fetcher.FetchAsync(_site.Url(path));

        Assert.Equal(FetchStatus.TimedOut, result.Status);
        Assert.Equal($"{_site.Root.Authority} timed out: no complete answer within 1 s.", result.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_Throws()
    {
        using var fetcher = PrivateAllowed();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(_site.Url("/stall"), ct: cancel.Token));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FetchAsync_ErrorStatus_FailsWithThatStatus(int status)
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url($"/status/{status}"));

        Assert.Equal(FetchStatus.HttpError, result.Status);
        Assert.Equal(status, result.HttpStatus);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_FailsAsUnreachableWithConnectionRefused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(FetchStatus.Unreachable, result.Status);
        Assert.Equal($"The site 127.0.0.1:{port} could not be reached: connection refused (nothing accepts connections on port {port}).", result.Error);
    }

    [Fact]
    public async Task FetchAsync_HostDnsDoesNotKnow_FailsAsHostNotFoundNamingTheHost()
    {
        using var fetcher = PublicOnly((_, _) => throw new SocketException((int)SocketError.HostNotFound));

        var result = await fetcher.FetchAsync(new Uri("https://no-such-shop.invalid/returns"));

        Assert.Equal(FetchStatus.HostNotFound, result.Status);
        Assert.StartsWith("The host no-such-shop.invalid could not be found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_RelativeUrl_IsInvalid()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(new Uri("/page", UriKind.Relative));

        Assert.Equal(FetchStatus.InvalidUrl, result.Status);
    }

    [Fact]
    public async Task Text_DeclaredLatin1_DecodesAccents()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/latin1"));

        Assert.Equal("<p>Café crème</p>", result.Text());
    }

    [Fact]
    public async Task Text_NoDeclaredCharset_UsesHtmlMetaCharset()
    {
        using var fetcher = PrivateAllowed();

        var result = await fetcher.FetchAsync(_site.Url("/meta-charset"));

        Assert.Contains("naïve", result.Text());
    }
}
