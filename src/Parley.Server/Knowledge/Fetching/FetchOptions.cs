using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>Section <c>Parley:Knowledge</c>: how the crawler fetches pages.</summary>
public sealed class FetchOptions
{
    public const string Section = "Parley:Knowledge";

    /// <summary>
    /// Lets the crawler reach private, loopback and link-local addresses: for an intranet install, and for
    /// tests. Off by default, so a bot's URL cannot make the server read its own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Bytes of a response body after decompression; a larger body fails as too large.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The whole request: connecting, every redirect and the body.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 20;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;
}
