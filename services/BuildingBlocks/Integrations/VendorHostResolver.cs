using System.Net;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// The addresses a vendor's host name resolves to, for the checks that keep vendor calls off internal addresses
/// (<see cref="VendorAddress.ResolvedErrorAsync"/> when settings are saved or tested,
/// <see cref="Http.PublicAddressConnection"/> when a request is sent). Tests register their own.
/// </summary>
public interface IVendorHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's DNS resolver.</summary>
public sealed class DnsVendorHostResolver : IVendorHostResolver
{
    public static readonly DnsVendorHostResolver Instance = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
