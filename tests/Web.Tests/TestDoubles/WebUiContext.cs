using BillingOne.Web.Api;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>
/// A bunit context wired like the running app, except that the gateway is <see cref="StubGatewayHandler"/>
/// and time is a <see cref="TestTimeProvider"/> the test advances.
/// </summary>
public abstract class WebUiContext : BunitContext
{
    protected WebUiContext()
    {
        Services.AddSingleton(new GatewayClient(
            new HttpClient(Gateway) { BaseAddress = new Uri("http://gateway/") },
            NullLogger<GatewayClient>.Instance));
        Services.AddSingleton<TimeProvider>(Time);
    }

    protected StubGatewayHandler Gateway { get; } = new();

    protected TestTimeProvider Time { get; } = new();

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();
}
