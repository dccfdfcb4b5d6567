using System.Net;
using System.Net.Sockets;

namespace BillingOne.AppHost.Configuration;

/// <summary>
/// Checks before anything starts that the dashboard's and the projects' ports are free — a busy port would
/// otherwise show up as a child crashing over and over. The private servers' ports are not checked: the
/// servers reuse their own instance when one from an earlier run still listens there.
/// </summary>
public static class PortAvailability
{
    public static void EnsureFree(AppHostPlan plan)
    {
        var serverPorts = new[] { AppHostPlan.PostgresPortName, AppHostPlan.RabbitMqPortName, AppHostPlan.RabbitMqManagementPortName };
        var busy = plan.ListeningPorts()
            .Where(entry => !serverPorts.Contains(entry.Owner) && !IsFree(entry.Port))
            .ToList();
        if (busy.Count > 0)
        {
            throw new AppHostConfigurationException(
                $"Port(s) already in use: {string.Join(", ", busy.Select(entry => $"{entry.Port} ({entry.Owner})"))}. " +
                $"Is another AppHost running? Stop it, or choose other ports with --{AppHostPlan.Section}:Ports:<name>=<port>.");
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
