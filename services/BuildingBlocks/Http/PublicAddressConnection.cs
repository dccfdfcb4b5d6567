using System.Net;
using System.Net.Sockets;
using BillingOne.BuildingBlocks.Integrations;

namespace BillingOne.BuildingBlocks.Http;

/// <summary>
/// Connects a vendor's HttpClient only to public addresses: the host is resolved when the connection is opened and
/// refused if any address it resolves to is loopback, link-local, private, shared, unspecified or multicast
/// (<see cref="VendorAddress.IsPublic"/>), so a name that passed the settings check and later points inside the network
/// (DNS rebinding) is not called. The socket connects to the addresses checked, not to a second lookup's.
/// </summary>
public static class PublicAddressConnection
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(IVendorHostResolver resolver) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await resolver.ResolveAsync(host, cancellationToken);
            if (addresses.Length == 0 || !addresses.All(VendorAddress.IsPublic))
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError,
                    $"{host} resolves to a loopback, link-local or private address: vendor calls go to public addresses only.");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
