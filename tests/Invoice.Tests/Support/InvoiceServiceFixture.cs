extern alias invoice;

using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Invoice.Tests.Support;

/// <summary>
/// The invoice service on its own database and virtual host, its Xero connector pointed at a WireMock stand-in (the
/// deployment's default app). Tests act for organizations of their own (<see cref="ClientFor"/>), so they share the
/// service and the stub without seeing each other's data.
/// </summary>
public sealed class InvoiceServiceFixture : IAsyncLifetime
{
    public const int PageSize = 3;
    private ServiceFactory<invoice::Program>? factory;

    public XeroStub Xero { get; } = new();

    public SuperOpsStub SuperOps { get; } = new();

    public string DatabaseConnectionString { get; private set; } = "";

    public IBus Bus { get; private set; } = null!;

    /// <summary>The service's own services, to run a worker's pass on demand.</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>Every message the service finished consuming, to wait for a redelivery that changes nothing.</summary>
    public ConsumeLog Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("invoice");
        DatabaseConnectionString = database.OwnerConnectionString;
        factory = new ServiceFactory<invoice::Program>("invoice", database, await servers.CreateVirtualHostAsync("invoice"));
        factory.Settings["Connectors:Xero:ClientId"] = "billingone-tests";
        factory.Settings["Connectors:Xero:ClientSecret"] = "stub-secret";
        factory.Settings["Connectors:Xero:IdentityAddress"] = Xero.Url + "/identity/";
        factory.Settings["Connectors:Xero:AuthorizeAddress"] = Xero.Url + "/identity/connect/authorize";
        factory.Settings["Connectors:Xero:ApiAddress"] = Xero.Url + "/";
        factory.Settings["Connectors:Xero:PageSize"] = PageSize.ToString();
        factory.Settings["Connectors:Xero:RetryDelay"] = "00:00:00.010";
        factory.Settings["DraftInvoices:PollInterval"] = "00:00:00.200";
        // No default subdomain or token: each test's organization saves its own, as its own SuperOps tenant.
        factory.Settings["Connectors:SuperOps:Endpoint"] = SuperOps.Endpoint;
        factory.Settings["Connectors:SuperOps:RetryDelay"] = "00:00:00.010";
        factory.StartServer();
        var bus = factory.Services.GetRequiredService<IBusControl>();
        (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout))
            .ShouldBe(BusHealthStatus.Healthy, "the invoice service's receive endpoints never became ready");
        bus.ConnectConsumeObserver(Consumed);
        Bus = bus;
    }

    /// <summary>A client acting for <paramref name="orgId"/> with <paramref name="role"/> (and a client scope).</summary>
    public HttpClient ClientFor(Guid orgId, string role = Roles.Admin, Guid? clientScope = null)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, role, clientScope);
        return client;
    }

    /// <summary>A client without credentials, as the browser coming back from Xero.</summary>
    public HttpClient AnonymousClient() => NewClient();

    /// <summary>Starts connecting: the consent address's query, with the state to come back with.</summary>
    public async Task<IDictionary<string, string>> StartConnectAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/api/invoice/xero/connect", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<ConnectBody>();
        return QueryHelpers.ParseQuery(body!.AuthorizeUrl.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    /// <summary>The browser's return from Xero: the redirect's target.</summary>
    public async Task<string> CallbackAsync(string code, string state)
    {
        using var browser = AnonymousClient();
        using var response = await browser.GetAsync(
            $"/api/invoice/xero/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>
    /// Connects <paramref name="http"/>'s organization to one tenant the way a person does (connect, consent, callback),
    /// with tokens named after <paramref name="name"/>.
    /// </summary>
    public async Task ConnectAsync(HttpClient http, string name, Guid tenantId, int expiresIn = 1800)
    {
        Xero.GivenAuthorization($"code-{name}", $"access-{name}", $"refresh-{name}", expiresIn, (tenantId, $"{name} Ltd"));
        var query = await StartConnectAsync(http);
        (await CallbackAsync($"code-{name}", query["state"])).ShouldBe("/settings/integrations?xero=connected");
    }

    /// <summary>Starts a sync of <paramref name="integration"/> and waits for it to finish; the finished run.</summary>
    public async Task<SyncRunResponse> SyncAsync(HttpClient http, string integration = "xero")
    {
        using var started = await http.PostAsJsonAsync($"/api/invoice/integrations/{integration}/sync", new { trigger = "manual" });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var run = (await started.Content.ReadFromJsonAsync<SyncRunResponse>())!;
        return await Eventually.ReturnsAsync(
            async () => (await http.GetFromJsonAsync<SyncRunResponse>($"/api/invoice/integrations/sync-runs/{run.Id}"))!,
            finished => finished.Status is SyncRunStatus.Completed or SyncRunStatus.Failed, "the sync run to finish");
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        Xero.Dispose();
        SuperOps.Dispose();
    }

    // Kestrel's clients follow redirects whatever the factory's options say; the callback's redirect is what tests read.
    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = factory!.KestrelAddress() };

    private sealed record ConnectBody(Uri AuthorizeUrl);
}
