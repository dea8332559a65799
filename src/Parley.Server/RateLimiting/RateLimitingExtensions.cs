using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Parley.Server.RateLimiting;

public static class RateLimitingExtensions
{
    public static IServiceCollection AddParleyRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IRateLimiter, InProcessRateLimiter>();

        var network = configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
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
