using System.Net;
using BillingOne.BuildingBlocks.Integrations;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>A DNS answer fixed by the test: every host resolves to <paramref name="addresses"/>.</summary>
internal sealed class StaticHostResolver(params IPAddress[] addresses) : IVendorHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(addresses);
}
