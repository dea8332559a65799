using Parley.Server.DemoBot;

namespace Parley.Server.Tests.DemoBot;

public sealed class DocsPageTests
{
    [Fact]
    public void Render_RawHtml_IsShownAsText()
    {
        var html = DocsPage.Render("page.md", "# Page\n\n<script>alert(1)</script>\n\nText with <b onclick=\"x()\">inline</b> HTML.\n");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Headings_GetTheAnchorsCitationsUse()
    {
        var html = DocsPage.Render("page.md", "# Page\n\n## What's `Parley:Model`, and why?\n\nText.\n\n## Install {#setup}\n\nMore.\n");

        Assert.Contains("<h2 id=\"whats-parleymodel-and-why\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"setup\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RepeatedHeading_FirstKeepsTheAnchorOthersAreNumbered()
    {
        var html = DocsPage.Render("page.md", "# Page\n\n## Example\n\nOne.\n\n## Example\n\nTwo.\n");

        Assert.Contains("<h2 id=\"example\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"example-1\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LinkOutOfTheDocsFolder_KeepsItsTextWithoutTheLink()
    {
        var html = DocsPage.Render("page.md", "# Page\n\nSee [bench/README.md](../bench/README.md#numbers) and [the widget](widget.md#how-do-i-embed-the-widget).\n");

        Assert.Contains("See bench/README.md and <a href=\"widget.md#how-do-i-embed-the-widget\">the widget</a>.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Title_IsTheFirstHeadingEscaped()
    {
        var html = DocsPage.Render("page.md", "# Q&A <pairs>\n\nText.\n");

        Assert.Contains("<title>Q&amp;A &lt;pairs&gt; · Parley</title>", html, StringComparison.Ordinal);
    }
}
