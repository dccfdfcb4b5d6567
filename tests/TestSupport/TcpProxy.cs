using System.Net;
using System.Net.Sockets;

namespace BillingOne.Testing;

/// <summary>
/// Forwards a loopback port to another one and can cut the link: a broker or database "going down" for a
/// fault test without stopping the shared server. While cut, open connections are reset and new ones refused.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];
    private readonly Task acceptLoop;
    private TcpListener? listener;
    private volatile bool cut;

    public TcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Resets every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        cut = true;
        lock (connections)
        {
            foreach (var connection in connections)
            {
                connection.Client.LingerState = new LingerOption(true, 0);
                connection.Dispose();
            }
            connections.Clear();
        }
    }

    public void Restore() => cut = false;

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener!.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            if (cut)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                continue;
            }
            _ = PumpAsync(inbound);
        }
    }

    private async Task PumpAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            lock (connections)
            {
                connections.Add(inbound);
                connections.Add(outbound);
            }
            var inboundStream = inbound.GetStream();
            var outboundStream = outbound.GetStream();
            await Task.WhenAny(
                inboundStream.CopyToAsync(outboundStream, stopping.Token),
                outboundStream.CopyToAsync(inboundStream, stopping.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException
            or OperationCanceledException)
        {
            // A cut link or a closed peer ends the pump; the client sees the reset.
        }
        finally
        {
            lock (connections)
            {
                connections.Remove(inbound);
                connections.Remove(outbound);
            }
            inbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        listener = null;
        Cut();
        await acceptLoop;
        stopping.Dispose();
    }
}
