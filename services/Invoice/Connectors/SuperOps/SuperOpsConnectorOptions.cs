using BillingOne.BuildingBlocks.Http;

namespace BillingOne.Invoice.Connectors.SuperOps;

/// <summary>
/// Where and as whom the connector reads SuperOps. The default is SuperOps' US data center; EU accounts use
/// <see cref="EuEndpoint"/> (an organization's <c>endpoint</c> setting, or this option). The AppHost's development run
/// points it at the sandbox with the sandbox's subdomain and token.
/// </summary>
public sealed class SuperOpsConnectorOptions
{
    public const string Section = "Connectors:SuperOps";

    /// <summary>SuperOps' GraphQL endpoint for the US data center (API reference, "API Endpoints").</summary>
    public static readonly Uri UsEndpoint = new("https://api.superops.ai/msp");

    /// <summary>SuperOps' GraphQL endpoint for the EU data center.</summary>
    public static readonly Uri EuEndpoint = new("https://euapi.superops.ai/msp");

    public Uri Endpoint { get; set; } = UsEndpoint;

    /// <summary>The deployment's default subdomain and token, used by organizations that saved none (empty: none).</summary>
    public string SubDomain { get; set; } = "";

    public string ApiToken { get; set; } = "";

    /// <summary>
    /// The currency of organizations that saved none. SuperOps' <c>Invoice</c> type has no currency field, so the
    /// connector cannot learn it from the API.
    /// </summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Items per request; SuperOps serves at most 100.</summary>
    public int PageSize { get; set; } = 100;

    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public VendorRetryPolicy Retries => new(MaxRetries, RetryDelay, AttemptTimeout, TotalTimeout);
}
