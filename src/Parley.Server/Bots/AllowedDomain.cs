using System.Globalization;

namespace Parley.Server.Bots;

/// <summary>
/// One entry of a bot's allowed domains: an exact host (<c>example.com</c>), optionally with a port
/// (<c>example.com:8443</c>), or a wildcard (<c>*.example.com</c>) that matches any subdomain but not the
/// apex. Hosts compare case-insensitively in their ASCII (punycode) form.
/// </summary>
public sealed record AllowedDomain(string Host, int? Port, bool Wildcard)
{
    private static readonly IdnMapping Idn = new();

    public override string ToString() =>
        (Wildcard ? "*." : "") + Host + (Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>Accepts a host, a wildcard, or a pasted URL (its scheme and path are dropped).</summary>
    public static AllowedDomain? Parse(string entry)
    {
        var text = entry.Trim();
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        if (wildcard)
            text = text[2..];
        if (!wildcard && text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
                return null;
            return url.IsDefaultPort || text.IndexOf(':', text.IndexOf("://", StringComparison.Ordinal) + 3) < 0
                ? Parse(url.Host)
                : Parse($"{url.Host}:{url.Port}");
        }

        int? port = null;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text.Contains(']', StringComparison.Ordinal))
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                return null;
            port = p;
            text = text[..colon];
        }

        var host = Normalize(text);
        if (host is null || (wildcard && Uri.CheckHostName(host) != UriHostNameType.Dns))
            return null;
        return new AllowedDomain(host, port, wildcard);
    }

    /// <summary>Whether a request from <paramref name="origin"/> (an absolute http(s) URL) is allowed by this entry.</summary>
    public bool Matches(Uri origin)
    {
        if (Port is { } port && origin.Port != port)
            return false;
        var host = Normalize(origin.Host);
        if (host is null)
            return false;
        return Wildcard
            ? host.Length > Host.Length + 1 && host.EndsWith("." + Host, StringComparison.Ordinal)
            : host == Host;
    }

    private static string? Normalize(string host)
    {
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0)
            return null;
        try
        {
            host = Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host.StartsWith('[') ? host : null;
        }

        return Uri.CheckHostName(host) == UriHostNameType.Unknown ? null : host;
    }
}
