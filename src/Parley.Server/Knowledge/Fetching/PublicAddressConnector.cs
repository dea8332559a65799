using System.Net;
using System.Net.Sockets;
namespace Parley.Server.Knowledge.Fetching;

/// <summary>
/// Connects a bot's own model or embedding endpoint only to public addresses, whatever its host name resolves
/// to: a workspace key sets those URLs, and must not be able to make the server call its loopback, its private
/// network or the cloud metadata endpoint. The deployment's own endpoints (set by the operator) are not vetted.
/// </summary>
internal static class PublicAddressConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

        // One refused address refuses the host, as for the crawler (see WebFetcher).
        foreach (var address in addresses)
        {
            if (!AddressPolicy.IsPublic(address))
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
