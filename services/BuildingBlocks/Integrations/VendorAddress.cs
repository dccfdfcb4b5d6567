using System.Net;
using System.Net.Sockets;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// Whether an address typed into an integration's address field may be called (docs/vendors.md, "Address fields"):
/// outside Development only https, never credentials in the address, never a loopback, link-local, private, shared or
/// unspecified IP address, never <c>localhost</c> or a single-label (service-discovery) name, and only the vendor's
/// own hosts (<see cref="IntegrationField.Hosts"/>) unless the vendor lets customers bring their own
/// (<see cref="IntegrationField.CustomHosts"/>). Development runs (the sandbox) may use any http(s) address. The
/// messages name the field, never echo anything a vendor answered.
/// </summary>
public static class VendorAddress
{
    public static string? Error(IntegrationField field, string given, bool development)
    {
        if (!Uri.TryCreate(given, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            return $"{field.Label} must be an absolute http(s) address.";
        }
        if (development)
        {
            return null;
        }
        if (address.Scheme != Uri.UriSchemeHttps)
        {
            return $"{field.Label} must be an https address.";
        }
        if (address.UserInfo.Length > 0)
        {
            return $"{field.Label} must not carry a user name or password.";
        }
        var host = address.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return IsPublic(ip)
                ? $"{field.Label} must name the vendor's host, not an IP address."
                : $"{field.Label} must not be a loopback, link-local or private address.";
        }
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || !host.Contains('.', StringComparison.Ordinal)
            || host.EndsWith(".local", StringComparison.Ordinal) || host.EndsWith(".internal", StringComparison.Ordinal)
            || host.EndsWith(".svc", StringComparison.Ordinal) || host.Contains(".svc.", StringComparison.Ordinal))
        {
            return $"{field.Label} must be a public host name, not an internal one.";
        }
        if (!field.CustomHosts && field.Hosts is { Count: > 0 } hosts && !hosts.Any(pattern => Matches(host, pattern)))
        {
            return $"{field.Label} must be one of the vendor's hosts: {string.Join(", ", hosts)}.";
        }
        return null;
    }

    /// <summary>
    /// Outside Development, an error when an address <see cref="Error"/> accepts names a host that resolves to an address
    /// that is not public (a vendor-looking name pointing inside the network). A name that does not resolve now is not
    /// refused here: <see cref="Http.PublicAddressConnection"/> checks what it resolves to whenever it is called.
    /// </summary>
    public static async Task<string?> ResolvedErrorAsync(IntegrationField field, string given, bool development,
        IVendorHostResolver resolver, CancellationToken cancellationToken)
    {
        if (development || Error(field, given, development) is not null)
        {
            return null;
        }
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lookup.CancelAfter(LookupTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(new Uri(given).IdnHost, lookup.Token);
        }
        catch (Exception exception) when (exception is SocketException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
        return addresses.All(IsPublic) ? null : $"{field.Label} must not resolve to a loopback, link-local or private address.";
    }

    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An exact host, or <c>*.suffix</c> for any host below the suffix.</summary>
    public static bool Matches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>False for loopback, link-local, private (RFC 1918, unique-local), shared (100.64/10), unspecified and multicast.</summary>
    public static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.None))
        {
            return false;
        }
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.IsIPv6Multicast);
        }
        var bytes = ip.GetAddressBytes();
        return bytes[0] switch
        {
            0 or 10 or 127 => false,
            100 when bytes[1] is >= 64 and <= 127 => false,
            169 when bytes[1] == 254 => false,
            172 when bytes[1] is >= 16 and <= 31 => false,
            192 when bytes[1] == 168 => false,
            >= 224 => false,
            _ => true,
        };
    }
}
