using BillingOne.AppHost;
using BillingOne.AppHost.Infrastructure;
using BillingOne.AppHost.Operations;
using Microsoft.Extensions.DependencyInjection;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.Load(builder.Configuration, builder.AppHostDirectory);
var secrets = settings.Secrets;

var servers = builder.AddServers(settings);
servers.RabbitMq.WithQueueOperations(servers.RabbitMqManagement);

// The vendors' APIs (Pax8, NinjaOne, Datto RMM, Synergy Wholesale) on loopback with a world that changes every few minutes; the
// connectors' default address and credentials until an organization enters its own under Settings → Integrations.
var sandbox = builder.AddBillingOneProject<Projects.Sandbox>("sandbox", settings);
if (settings.SandboxChangeInterval is { } changeInterval)
{
    sandbox.WithEnvironment("Sandbox__Changes__Interval", changeInterval.ToString("c"));
}
var subscription = builder.AddBillingOneService<Projects.Subscription>("subscription", settings, servers)
    .WithGrpcEndpoint()
    .WithReference(sandbox)
    // Pax8's API and token endpoint in the sandbox (the connector's defaults are Pax8's own hosts).
    .WithEnvironment("Connectors__Pax8__BaseAddress", "https+http://sandbox")
    .WithEnvironment("Connectors__Pax8__TokenUrl", "https+http://sandbox/oauth/token")
    .WithEnvironment("Connectors__Pax8__ClientId", SandboxCredentials.ClientId)
    .WithEnvironment("Connectors__Pax8__ClientSecret", SandboxCredentials.ClientSecret);
var identity = builder.AddBillingOneService<Projects.Identity>("identity", settings, servers)
    // Owns organizations, users and keys: seeds the demo organization's owner and admin key (idempotent).
    .WithEnvironment("Seed__Enabled", "true")
    .WithEnvironment("Seed__OwnerPassword", secrets.OwnerPassword)
    .WithEnvironment("Seed__AdminApiKey", secrets.AdminApiKey)
    .WithDemoSmtpSink(settings);
builder.AddSmtpSink(settings);
var ingestion = builder.AddBillingOneService<Projects.Ingestion>("ingestion", settings, servers).WithGrpcEndpoint();
// Xero's identity server and API, and SuperOps, in the sandbox until an organization enters its own; the browser reaches the
// consent page at the sandbox's own address (a service-discovery name means nothing to it).
var invoice = builder.AddBillingOneService<Projects.Invoice>("invoice", settings, servers)
    .WithReference(sandbox)
    .WithEnvironment("Connectors__Xero__ClientId", SandboxCredentials.ClientId)
    .WithEnvironment("Connectors__Xero__ClientSecret", SandboxCredentials.ClientSecret)
    .WithEnvironment("Connectors__Xero__IdentityAddress", "http://sandbox/xero/identity/")
    .WithEnvironment("Connectors__Xero__ApiAddress", "http://sandbox/xero/")
    .WithEnvironment("Connectors__Xero__AuthorizeAddress",
        ReferenceExpression.Create($"{sandbox.GetEndpoint("http")}/xero/identity/connect/authorize"))
    // SuperOps' GraphQL endpoint in the sandbox, whose subdomain and token are its client id and secret.
    .WithEnvironment("Connectors__SuperOps__Endpoint", "http://sandbox/superops/msp")
    .WithEnvironment("Connectors__SuperOps__SubDomain", SandboxCredentials.ClientId)
    .WithEnvironment("Connectors__SuperOps__ApiToken", SandboxCredentials.ClientSecret)
    // SuperOps' invoices carry no currency; the sandbox's SuperOps account bills in the demo's AUD.
    .WithEnvironment("Connectors__SuperOps__Currency", "AUD");
var reconciliation = builder.AddBillingOneService<Projects.Reconciliation>("reconciliation", settings, servers)
    .WithReference(sandbox)
    // NinjaOne's API in the sandbox (the connector's default is NinjaOne's US instance).
    .WithEnvironment("Connectors__NinjaOne__BaseUrl", "http://sandbox")
    .WithEnvironment("Connectors__NinjaOne__ClientId", SandboxCredentials.ClientId)
    .WithEnvironment("Connectors__NinjaOne__ClientSecret", SandboxCredentials.ClientSecret)
    // An organization that picks Datto RMM reaches the sandbox's Datto API unless it enters another address.
    .WithEnvironment("Connectors__DattoRmm__BaseUrl", "http://sandbox")
    // Synergy Wholesale has no token: the sandbox's SOAP endpoint takes the same pair as reseller ID and API key.
    .WithEnvironment("Connectors__Synergy__Endpoint", "http://sandbox/synergy/soap")
    .WithEnvironment("Connectors__Synergy__ResellerId", SandboxCredentials.ClientId)
    .WithEnvironment("Connectors__Synergy__ApiKey", SandboxCredentials.ClientSecret);
var metering = builder.AddBillingOneService<Projects.Metering>("metering", settings, servers).WithGrpcEndpoint();
var projection = builder.AddBillingOneService<Projects.Projection>("projection", settings, servers).WithGrpcEndpoint();
var web = builder.AddBillingOneProject<Projects.Web>("web", settings);

// The only external endpoint besides the dashboard: API, web UI and gRPC for partners.
var gateway = builder.AddBillingOneProject<Projects.Gateway>("gateway", settings, settings.Port("gateway"))
    .WithGrpcEndpoint(settings.Port("gateway-grpc"))
    .WithExternalHttpEndpoints()
    .WithEnvironment("Security__SessionSigningKey", secrets.SessionSigningKey)
    .WithReference(ingestion).WithReference(identity).WithReference(subscription).WithReference(invoice)
    .WithReference(reconciliation).WithReference(metering).WithReference(projection).WithReference(web)
    .WaitFor(identity)
    .WithUrlForEndpoint("http", url => url.DisplayText = "API and web UI")
    .WithUrl("http://localhost:" + settings.Port("gateway") + "/scalar", "Scalar (API reference)");
web.WithReference(gateway);
// Xero sends the browser back through the gateway, the only address the browser knows.
invoice.WithEnvironment("Connectors__Xero__RedirectUri",
    ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/api/invoice/xero/callback"));

// Run once after start (and again from its Start command); nothing waits on it.
var seeder = builder.AddProject<Projects.DemoSeeder>("demo-seeder")
    .WithEnvironment("BILLINGONE_GATEWAY_URL", gateway.GetEndpoint("http"))
    .WithEnvironment("BILLINGONE_ADMIN_API_KEY", secrets.AdminApiKey)
    .WithEnvironment("BILLINGONE_DATA_DIR", settings.DataDirectory)
    .WithEnvironment("BILLINGONE_SANDBOX_URL", sandbox.GetEndpoint("http"))
    .WaitFor(gateway).WaitFor(ingestion).WaitFor(metering).WaitFor(identity).WaitFor(subscription)
    .WaitFor(reconciliation).WaitFor(sandbox);
if (!settings.SeedDemoData)
{
    seeder.WithExplicitStart();
}

builder.Services.AddHostedService(services => new StartupBanner(settings, services));
builder.Build().Run();
