namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>What every RMM connector is configured with; each vendor adds its credentials.</summary>
public abstract class RmmConnectorOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>The OAuth token endpoint; null means the vendor's path on <see cref="BaseUrl"/>.</summary>
    public Uri? TokenUrl { get; set; }

    public int PageSize { get; set; }

    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay, doubled each time with jitter; a <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request including its retries and their waits; generous because vendors ask for long pauses.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public abstract bool HasCredentials { get; }

    public abstract string DefaultTokenPath { get; }

    public Uri ResolvedTokenUrl => TokenUrl ?? new Uri(BaseUrl!, DefaultTokenPath);
}
