using System.Collections;

namespace BillingOne.DemoSeeder;

/// <summary>
/// How long the seeder waits for what happens asynchronously in the system: a new unit type reaching ingestion,
/// a new client reaching metering, metering storing the readings, the provisioning run, and each billing run.
/// </summary>
public sealed record SeederTimings(
    TimeSpan PollInterval,
    TimeSpan RetryDelay,
    TimeSpan UnitTypeSyncTimeout,
    TimeSpan ClientSyncTimeout,
    TimeSpan MeteringCatchUpTimeout,
    TimeSpan ProvisioningTimeout,
    TimeSpan BillingRunTimeout)
{
    public static readonly SeederTimings Default = new(
        PollInterval: TimeSpan.FromSeconds(1),
        RetryDelay: TimeSpan.FromSeconds(1),
        UnitTypeSyncTimeout: TimeSpan.FromSeconds(60),
        ClientSyncTimeout: TimeSpan.FromSeconds(60),
        MeteringCatchUpTimeout: TimeSpan.FromMinutes(3),
        ProvisioningTimeout: TimeSpan.FromMinutes(3),
        BillingRunTimeout: TimeSpan.FromMinutes(5));
}

/// <summary>
/// What the seeder needs, from the environment the AppHost gives its <c>demo-seeder</c> resource: the gateway's URL, the demo organization's admin API key, and the data
/// directory where the seeder keeps the ingest keys it created (their secret is shown only once).
/// </summary>
public sealed record SeederOptions(Uri GatewayUrl, string AdminApiKey, string DataDirectory)
{
    public const string GatewayUrlVariable = "BILLINGONE_GATEWAY_URL";
    public const string AdminApiKeyVariable = "BILLINGONE_ADMIN_API_KEY";
    public const string DataDirectoryVariable = "BILLINGONE_DATA_DIR";

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

        var gatewayText = Variable(GatewayUrlVariable);
        var adminApiKey = Variable(AdminApiKeyVariable);
        var dataDirectory = Variable(DataDirectoryVariable);
        Uri? gatewayUrl = null;
        if (gatewayText is not null &&
            (!Uri.TryCreate(gatewayText, UriKind.Absolute, out gatewayUrl) || gatewayUrl.Scheme is not ("http" or "https")))
        {
            problems.Add($"{GatewayUrlVariable} is '{gatewayText}', which is not an http(s) URL.");
        }

        errors = problems;
        return problems.Count == 0 ? new SeederOptions(gatewayUrl!, adminApiKey!, Path.GetFullPath(dataDirectory!)) : null;
    }
}
