using System.Xml;
using System.Xml.Linq;

namespace Parley.Server.Knowledge.Ingestion;

/// <summary>Reads the page URLs of a sitemap, or the sitemap URLs of a sitemap index (sitemaps.org schema).</summary>
public static class SitemapReader
{
    public sealed record Sitemap(IReadOnlyList<string> Pages, IReadOnlyList<string> Sitemaps);

    public static Sitemap? Parse(string xml)
    {
        XDocument document;
        try
        {
            // No DTDs: a sitemap has none, and they are the door to entity-expansion attacks.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        var root = document.Root;
        if (root is null)
            return null;
        var locations = root.Elements().Select(e => e.Elements().FirstOrDefault(x => x.Name.LocalName == "loc")?.Value.Trim())
            .Where(l => !string.IsNullOrEmpty(l))
            .Select(l => l!)
            .ToList();
        return root.Name.LocalName switch
        {
            "urlset" => new Sitemap(locations, []),
            "sitemapindex" => new Sitemap([], locations),
            _ => null,
        };
    }
}
