using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// Which IP addresses the crawler may connect to. By default only public unicast: a URL a user typed
/// must not reach the server's loopback, its private network or the cloud metadata endpoint
/// (169.254.169.254), whatever its host name resolves to.
/// </summary>
public sealed class AddressPolicy
{
    private readonly Func<IPAddress, bool> _allows;

    /// <summary>Builds a policy from a rule; tests use it to let one loopback server count as public.</summary>
    public AddressPolicy(Func<IPAddress, bool> allows) => _allows = allows;

    public static AddressPolicy PublicOnly { get; } = new(IsPublic);

    public static AddressPolicy AnyAddress { get; } = new(_ => true);

    public static AddressPolicy From(FetchOptions options) => options.AllowPrivateNetworks ? AnyAddress : PublicOnly;

    public bool Allows(IPAddress address) => _allows(address);

    /// <summary>
    /// True for a globally routable unicast address. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6
    /// forms are judged by the IPv4 address they carry.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> a) => a switch
    {
        [0, ..] => false,                                   // "this network", 0.0.0.0
        [10, ..] => false,                                  // private
        [100, >= 64 and <= 127, ..] => false,               // carrier-grade NAT
        [127, ..] => false,                                 // loopback
        [169, 254, ..] => false,                            // link-local, cloud metadata
        [172, >= 16 and <= 31, ..] => false,                // private
        [192, 0, 0, _] => false,                            // IETF protocol assignments
        [192, 0, 2, _] => false,                            // documentation
        [192, 88, 99, _] => false,                          // 6to4 relay anycast
        [192, 168, ..] => false,                            // private
        [198, 18 or 19, ..] => false,                       // benchmarking
        [198, 51, 100, _] => false,                         // documentation
        [203, 0, 113, _] => false,                          // documentation
        [>= 224, ..] => false,                              // multicast, reserved, broadcast
        _ => true,
    };

    private static bool IsPublicV6(byte[] a)
    {
        // NAT64's well-known prefix 64:ff9b::/96 carries an IPv4 address. Apart from it only global unicast
        // (2000::/3) is routable, which leaves out ::, ::1, ::a.b.c.d, fc00::/7 unique-local, fe80::/10
        // link-local, fec0::/10 site-local and ff00::/8 multicast.
        if (a is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
            return IsPublicV4(a.AsSpan(12, 4));
        if ((a[0] & 0xE0) != 0x20)
            return false;
        return a switch
        {
            [0x20, 0x01, 0x00 or 0x01, ..] => false,        // 2001::/23 IETF assignments, Teredo included
            [0x20, 0x01, 0x0d, 0xb8, ..] => false,          // documentation
            [0x20, 0x02, ..] => IsPublicV4(a.AsSpan(2, 4)), // 6to4 carries an IPv4 address
            [0x3f, 0xff, < 0x10, ..] => false,              // documentation (3fff::/20)
            _ => true,
        };
    }
}
