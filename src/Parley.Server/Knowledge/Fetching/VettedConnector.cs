using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// Opens connections only to addresses an <see cref="AddressPolicy"/> allows, judged after DNS resolution, so a
/// host name cannot smuggle a request to the server's loopback, its private network or the cloud metadata endpoint.
/// The crawler connects through one; so do bots' own model and embedding endpoints, which workspace keys set
/// (<see cref="PublicOnly"/>). The deployment's own endpoints, set by the operator, are not vetted.
/// </summary>
internal sealed class VettedConnector(AddressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    public static VettedConnector PublicOnly { get; } = new(AddressPolicy.PublicOnly);

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await _resolve(host, ct);

        // One refused address refuses the host: a name that resolves to both a public and a private address
        // is asking to be connected to the private one.
        foreach (var address in addresses)
        {
            if (!policy.Allows(address))
                throw new AddressRefusedException(host, address);
        }

        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }
}
