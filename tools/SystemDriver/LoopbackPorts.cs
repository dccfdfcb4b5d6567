using System.Net;
using System.Net.Sockets;

namespace BillingOne.SystemDriver;

public static class LoopbackPorts
{
    // Below Linux's ephemeral range (32768-60999): a port handed out for a server to listen on later must not be
    // taken meanwhile by some process's outgoing connection.
    private const int First = 20_000;
    private const int Last = 32_000;

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int GetFree()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another.
            }
        }
        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 between {First} and {Last}.");
    }
}
