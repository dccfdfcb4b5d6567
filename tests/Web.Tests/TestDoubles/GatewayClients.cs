using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.Web.Tests.TestDoubles;

public static class GatewayClients
{
    /// <summary>A <see cref="GatewayClient"/> talking to <paramref name="gateway"/> for <paramref name="session"/>
    /// (a session without a token when not given).</summary>
    public static GatewayClient For(StubGatewayHandler gateway, SessionTokenHolder? session = null) =>
        new(new HttpClient(gateway) { BaseAddress = new Uri("http://gateway/") },
            session ?? new SessionTokenHolder(),
            NullLogger<GatewayClient>.Instance);
}
