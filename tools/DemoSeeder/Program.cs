using BillingOne.DemoSeeder;
using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Sandbox;
using BillingOne.DemoSeeder.Seeding;
using Microsoft.Extensions.Logging;

// Seeds the demo organization's metering data through the gateway, then its vendor data from the sandbox; the AppHost
// runs it once as its demo-seeder resource.
var options = SeederOptions.FromEnvironment(Environment.GetEnvironmentVariables(), out var errors);
if (options is null)
{
    Console.Error.WriteLine($"The demo seeder cannot start: {string.Join(" ", errors)}");
    return 2;
}

// Warnings and errors on stderr, which the Aspire dashboard shows as error lines of the resource's console log.
using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Warning)
    .AddSimpleConsole(console => console.SingleLine = true));
var logger = loggerFactory.CreateLogger("DemoSeeder");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
// A full batch of readings can take a while on a busy machine.
using var http = new HttpClient { BaseAddress = options.GatewayUrl, Timeout = TimeSpan.FromMinutes(2) };
var api = new GatewayApi(http, options.AdminApiKey, SeederTimings.Default, TimeProvider.System);
var seeder = new DemoUsageSeeder(api, new IngestKeyFile(options.DataDirectory), SeederTimings.Default,
    TimeProvider.System, logger);
using var sandboxHttp = options.SandboxUrl is { } sandboxUrl ? new HttpClient { BaseAddress = sandboxUrl } : null;
// Like a browser on the Xero consent page, but each redirect is looked at before it is followed.
using var consentHttp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
{
    Timeout = TimeSpan.FromMinutes(1),
};
var vendorSeeder = new VendorSyncSeeder(api, sandboxHttp is null ? null : new SandboxApi(sandboxHttp),
    SeederTimings.Default, TimeProvider.System, logger, new XeroConsent(consentHttp));
try
{
    await seeder.RunAsync(cancellation.Token);
    await vendorSeeder.RunAsync(cancellation.Token);
    return 0;
}
catch (Exception exception) when (exception is GatewayApiException or SeedingFailedException or HttpRequestException)
{
    logger.LogError("Demo data not complete: {Reason}", exception.Message);
    return 1;
}
