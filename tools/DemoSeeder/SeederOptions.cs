using System.Collections;

namespace BillingOne.DemoSeeder;

/// <summary>
/// How long the seeder waits for what happens asynchronously in the system: a new unit type reaching ingestion,
/// a new client reaching metering, metering storing the readings, the provisioning run, each billing run, and each
/// vendor sync.
/// </summary>
public sealed record SeederTimings(
    TimeSpan PollInterval,
    TimeSpan RetryDelay,
    TimeSpan UnitTypeSyncTimeout,
    TimeSpan ClientSyncTimeout,
    TimeSpan MeteringCatchUpTimeout,
    TimeSpan ProvisioningTimeout,
    TimeSpan BillingRunTimeout,
    TimeSpan VendorSyncTimeout)
{
    public static readonly SeederTimings Default = new(
        PollInterval: TimeSpan.FromSeconds(1),
        RetryDelay: TimeSpan.FromSeconds(1),
        UnitTypeSyncTimeout: TimeSpan.FromSeconds(60),
        ClientSyncTimeout: TimeSpan.FromSeconds(60),
        MeteringCatchUpTimeout: TimeSpan.FromMinutes(3),
        ProvisioningTimeout: TimeSpan.FromMinutes(3),
        BillingRunTimeout: TimeSpan.FromMinutes(5),
        // A full sync of the sandbox (~2,200 Pax8 items, ~8,300 RMM items) is meant to take under a minute.
        VendorSyncTimeout: TimeSpan.FromMinutes(5));
}

/// <summary>
/// What the seeder needs, from the environment the AppHost gives its <c>demo-seeder</c> resource: the gateway's URL, the demo organization's admin API key, and the data
/// directory where the seeder keeps the ingest keys it created (their secret is shown only once). The sandbox's URL
/// is optional: without it the vendor data (the sandbox's clients and a first sync) is not seeded.
/// </summary>
public sealed record SeederOptions(Uri GatewayUrl, string AdminApiKey, string DataDirectory, Uri? SandboxUrl = null)
{
    public const string GatewayUrlVariable = "BILLINGONE_GATEWAY_URL";
    public const string AdminApiKeyVariable = "BILLINGONE_ADMIN_API_KEY";
    public const string DataDirectoryVariable = "BILLINGONE_DATA_DIR";
    public const string SandboxUrlVariable = "BILLINGONE_SANDBOX_URL";

    /// <summary>The options, or null with one message per missing or invalid variable.</summary>
    public static SeederOptions? FromEnvironment(IDictionary environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        string? Variable(string name)
        {
            var value = (environment[name] as string)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add($"{name} is not set.");
                return null;
            }
            return value;
        }

        Uri? HttpUrl(string name, string? text)
        {
            if (text is not null &&
                (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            {
                problems.Add($"{name} is '{text}', which is not an http(s) URL.");
                return null;
            }
            return text is null ? null : new Uri(text);
        }

        var gatewayUrl = HttpUrl(GatewayUrlVariable, Variable(GatewayUrlVariable));
        var adminApiKey = Variable(AdminApiKeyVariable);
        var dataDirectory = Variable(DataDirectoryVariable);
        var sandboxText = (environment[SandboxUrlVariable] as string)?.Trim();
        var sandboxUrl = HttpUrl(SandboxUrlVariable, string.IsNullOrEmpty(sandboxText) ? null : sandboxText);

        errors = problems;
        return problems.Count == 0
            ? new SeederOptions(gatewayUrl!, adminApiKey!, Path.GetFullPath(dataDirectory!), sandboxUrl)
            : null;
    }
}
