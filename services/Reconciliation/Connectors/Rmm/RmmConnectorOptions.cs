namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>
/// What the deployment configures for one RMM vendor: its addresses (an organization's settings may name others), the
/// page size and the resilience of every request. Each vendor adds its defaults.
/// </summary>
public abstract class RmmConnectorOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>The OAuth token endpoint; null means the vendor's path on the base URL.</summary>
    public Uri? TokenUrl { get; set; }

    public int PageSize { get; set; }

    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay, doubled each time with jitter; a <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request including its retries and their waits; generous because vendors ask for long pauses.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public BillingOne.BuildingBlocks.Http.VendorRetryPolicy Retries =>
        new(MaxRetryAttempts, RetryBaseDelay, AttemptTimeout, TotalRequestTimeout);

    public abstract string DefaultTokenPath { get; }
}
