using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Parley.Server.RateLimiting;

public static class RateLimitingExtensions
{
    public static IServiceCollection AddParleyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        // The limiter itself (in-process or Redis) is chosen by AddParleyCoordination.
        var network = configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With no known proxies the middleware would believe every peer, so then it must not read the headers at all.
            options.ForwardedHeaders = network.TrustedProxies.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            // Out of the box ASP.NET trusts loopback as a proxy; Parley trusts only what is configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is still consulted, so it must be emptied too.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var entry in network.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(entry, out var range))
                    options.KnownIPNetworks.Add(range);
                else if (IPAddress.TryParse(entry, out var address))
                    options.KnownProxies.Add(address);
                else
                    throw new InvalidOperationException($"{NetworkOptions.Section}:TrustedProxies: '{entry}' is not an IP address or CIDR range.");
            }
        });
        return services;
    }
}
