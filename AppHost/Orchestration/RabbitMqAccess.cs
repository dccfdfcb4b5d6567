using System.Net;

namespace BillingOne.AppHost.Orchestration;

/// <summary>How the dashboard reaches RabbitMQ: AMQP per virtual host, and the management API when there is one.</summary>
public sealed record RabbitMqAccess(Func<string, Uri> AmqpUriFor, Uri? ManagementUri, NetworkCredential ManagementCredentials)
{
    /// <summary>The management API's credentials: the URI's user info, else RabbitMQ's loopback-only default.</summary>
    public static NetworkCredential CredentialsOf(Uri managementUri)
    {
        if (string.IsNullOrEmpty(managementUri.UserInfo))
        {
            return new NetworkCredential("guest", "guest");
        }
        var parts = managementUri.UserInfo.Split(':', 2);
        return new NetworkCredential(
            Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }

    /// <summary>The given AMQP URI pointed at another virtual host (the URI's path is the escaped vhost name).</summary>
    public static Uri ForVirtualHost(Uri amqpUri, string virtualHost) =>
        new UriBuilder(amqpUri) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri;

    /// <summary>A URI safe to show: user name and password removed.</summary>
    public static Uri WithoutCredentials(Uri uri) => new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
}
