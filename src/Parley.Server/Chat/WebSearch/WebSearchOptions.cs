using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Chat.WebSearch;

/// <summary>
/// Section <c>Parley:WebSearch</c>: the engine bots with <c>web_search.enabled</c> fall back to. <c>searxng</c>
/// asks a SearXNG instance's JSON API at <see cref="BaseUrl"/> (its settings must list <c>json</c> among
/// <c>search.formats</c>); <c>none</c>, the default, searches nothing.
/// </summary>
public sealed class WebSearchOptions : IValidatableObject
{
    public const string Section = "Parley:WebSearch";

    [RegularExpression("^(none|searxng)$", ErrorMessage = "Parley:WebSearch:Provider must be 'none' or 'searxng'.")]
    public string Provider { get; set; } = "none";

    /// <summary>For <c>searxng</c>: the instance's address, e.g. <c>http://searxng:8080/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one search may take, in milliseconds; past it the answer goes ahead without the web.</summary>
    [Range(100, 30_000)]
    public int TimeoutMs { get; set; } = 3000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "searxng" && BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            yield return new ValidationResult("Parley:WebSearch:Provider 'searxng' needs an absolute http(s) BaseUrl.", [nameof(BaseUrl)]);
    }
}
