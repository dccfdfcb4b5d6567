namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// Where Synergy Wholesale's SOAP API lives, the deployment's reseller credentials (organizations without settings of
/// their own run with them; the AppHost's development run sets the sandbox's endpoint and pair), the page size and the
/// resilience of every call.
/// </summary>
public sealed class SynergyOptions
{
    public const string Section = "Connectors:Synergy";

    /// <summary>Synergy Wholesale's SOAP API endpoint (its WSDL is <c>server.php?wsdl</c> below it).</summary>
    public static readonly Uri ProductionEndpoint = new("https://api.synergywholesale.com/");

    public Uri Endpoint { get; set; } = ProductionEndpoint;

    public string ResellerId { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Domains or hosting services asked for per call (<c>limit</c>).</summary>
    public int PageSize { get; set; } = 500;

    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay, doubled each time with jitter; a <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public BillingOne.BuildingBlocks.Http.VendorRetryPolicy Retries =>
        new(MaxRetryAttempts, RetryBaseDelay, AttemptTimeout, TotalRequestTimeout);
}
