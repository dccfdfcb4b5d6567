using BillingOne.AppHost;
using BillingOne.Hosting;
using Microsoft.Extensions.DependencyInjection;

var builder = DistributedApplication.CreateBuilder(args).WithHealthCheckCadence();
var settings = AppHostSettings.Load(builder.Configuration, builder.AppHostDirectory);
var secrets = settings.Secrets;

var servers = builder.AddServers(settings.ServerOptions);
servers.RabbitMq.WithQueueOperations(servers.RabbitMqManagement);

// The vendors' APIs on loopback with a world that changes every few minutes: the connectors' defaults (SandboxConnectors).
var sandbox = builder.AddBillingOneProject<Projects.Sandbox>("sandbox", settings);
if (settings.SandboxChangeInterval is { } changeInterval)
{
    sandbox.WithEnvironment("Sandbox__Changes__Interval", changeInterval.ToString("c"));
}
var subscription = builder.AddBillingOneService<Projects.Subscription>("subscription", settings, servers)
    .WithGrpcEndpoint()
    .WithSandboxPax8(sandbox);
var identity = builder.AddBillingOneService<Projects.Identity>("identity", settings, servers)
    // Owns organizations, users and keys: seeds the demo organization's owner and admin key (idempotent).
    .WithEnvironment("Seed__Enabled", "true")
    .WithEnvironment("Seed__OwnerPassword", secrets.OwnerPassword)
    .WithEnvironment("Seed__AdminApiKey", secrets.AdminApiKey)
    .WithDemoSmtpSink(settings);
var ingestion = builder.AddBillingOneService<Projects.Ingestion>("ingestion", settings, servers).WithGrpcEndpoint();
var invoice = builder.AddBillingOneService<Projects.Invoice>("invoice", settings, servers)
    .WithSandboxXeroAndSuperOps(sandbox);
var reconciliation = builder.AddBillingOneService<Projects.Reconciliation>("reconciliation", settings, servers)
    .WithSandboxRmmAndDomains(sandbox);
var metering = builder.AddBillingOneService<Projects.Metering>("metering", settings, servers).WithGrpcEndpoint();
var projection = builder.AddBillingOneService<Projects.Projection>("projection", settings, servers).WithGrpcEndpoint();
var web = builder.AddBillingOneProject<Projects.Web>("web", settings);
// Started once identity, the one that mails, is healthy: a start of its own would take the CPU the services start with.
builder.AddSmtpSink(settings).WaitFor(identity);

// The only external endpoint besides the dashboard: API, web UI and gRPC for partners.
var gateway = builder.AddBillingOneProject<Projects.Gateway>("gateway", settings, settings.Port("gateway"))
    .WithGrpcEndpoint(settings.Port("gateway-grpc"))
    .WithExternalHttpEndpoints()
    .WithEnvironment("Security__SessionSigningKey", secrets.SessionSigningKey)
    .WithReference(ingestion).WithReference(identity).WithReference(subscription).WithReference(invoice)
    .WithReference(reconciliation).WithReference(metering).WithReference(projection).WithReference(web)
    .WithUrlForEndpoint("http", url => url.DisplayText = "API and web UI")
    .WithUrl("http://localhost:" + settings.Port("gateway") + "/scalar", "Scalar (API reference)");
web.WithReference(gateway);
invoice.WithXeroRedirectThrough(gateway);

// Run once after start (and again from its Start command); nothing waits on it.
var seeder = builder.AddProject<Projects.DemoSeeder>("demo-seeder").WithBuiltProgram()
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

// The gateway starts with the services it routes to; the banner waits for all of them.
builder.Services.AddHostedService(services => new StartupBanner(settings, services,
    [gateway, web, ingestion, identity, subscription, invoice, reconciliation, metering, projection]));
builder.Build().Run();
