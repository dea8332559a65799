using Parley.Bench.Eval;

namespace Parley.Bench.Tests.Eval;

public class HtmlTextTests
{
    [Fact]
    public void Convert_DocumentationPage_GivesTitleAndMarkdown()
    {
        const string html = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html><html><head><title>6.4. The apt-file Command</title><style>p { color: red }</style></head>
            <body><nav><a href="index.html">Home</a></nav>
            <div class="section"><h2 class="title"><a id="x"></a>6.4. The <code>apt-file</code>
              Command</h2>
            <div class="para">Run <code>apt-file update</code> first, then   search &amp; find:</div>
            <pre class="screen"># apt-file search bin/ls
            coreutils: /bin/ls</pre>
            <ul><li>one</li><li>two<br/>lines</li></ul><script>alert(1)</script></div></body></html>
            """;

        var (title, markdown) = HtmlText.Convert(html);

        Assert.Equal("6.4. The apt-file Command", title);
        Assert.Equal("""
            ## 6.4. The apt-file Command

            Run apt-file update first, then search & find:

            ```
            # apt-file search bin/ls
            coreutils: /bin/ls
            ```

            - one

            - two
            lines
            """, markdown);
    }
}
