using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public class PageNameTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8099/sect.apt-get.html", "sect.apt-get.html")]
    [InlineData("http://127.0.0.1:8099/sect.apt-get.html#623-system-upgrade", "sect.apt-get.html")]
    [InlineData("https://docs.example.com/en/sect.apt-get.html?lang=en#top", "sect.apt-get.html")]
    [InlineData("https://docs.example.com/guide/install/", "install")]
    [InlineData("https://docs.example.com/a%20page.html", "a page.html")]
    public void Of_PageUrl_IsLastPathSegmentWithoutAnchorOrQuery(string url, string page) =>
        Assert.Equal(page, PageName.Of(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://docs.example.com")]
    [InlineData("https://docs.example.com/#faq")]
    public void Of_NoUrlOrNoPath_IsNull(string? url) => Assert.Null(PageName.Of(url));
}
