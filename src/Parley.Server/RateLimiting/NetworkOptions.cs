namespace Parley.Server.RateLimiting;

/// <summary>
/// Section <c>Parley:Network</c>. <see cref="TrustedProxies"/> lists the addresses or CIDR ranges of
/// reverse proxies whose <c>X-Forwarded-For</c> is believed; from anyone else the header is ignored, so a
/// visitor cannot dodge per-IP limits by inventing one.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Parley:Network";

    public List<string> TrustedProxies { get; set; } = [];
}
