using System.Net;

namespace Parley.Server.Knowledge.Fetching;

/// <summary>Thrown inside the connection callback; <see cref="WebFetcher"/> turns it into a result.</summary>
internal sealed class AddressRefusedException(string host, IPAddress address)
    : Exception($"{host} resolves to {address}, which is not a public address.")
{
    public IPAddress Address { get; } = address;
}
