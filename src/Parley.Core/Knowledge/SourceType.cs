namespace Parley.Core.Knowledge;

public enum SourceType
{
    /// <summary>A text the business pasted in.</summary>
    Text,

    /// <summary>A question and the answer the business wrote for it.</summary>
    Qa,

    /// <summary>One web page.</summary>
    Url,

    /// <summary>Every page a sitemap (or sitemap index) lists.</summary>
    Sitemap,

    /// <summary>A website, followed link by link from a start page.</summary>
    Crawl,

    /// <summary>An uploaded document: PDF, DOCX, HTML, Markdown or plain text.</summary>
    File,
}
