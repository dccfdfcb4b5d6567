namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Where and as whom the connector reads Pax8. The defaults are Pax8's API (<c>https://api.pax8.com</c>, paths under
/// <c>/v1</c>) with tokens from <c>https://token-manager.pax8.com/oauth/token</c>; the AppHost's development run points
/// both at the sandbox with the sandbox's client.
/// </summary>
public sealed class Pax8ConnectorOptions
{
    public const string Section = "Connectors:Pax8";

    public Uri BaseAddress { get; set; } = new("https://api.pax8.com/");

    public Uri TokenUrl { get; set; } = new("https://token-manager.pax8.com/oauth/token");

    /// <summary>The deployment's default credentials, used by organizations that saved none (empty: none).</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The API a token is requested for; Pax8's partner API is <c>api://p8p.client</c>.</summary>
    public string Audience { get; set; } = "api://p8p.client";

    /// <summary>Items per request; 200 is the most Pax8 serves.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Retries of a request answered 429, 408 or 5xx, or that failed or timed out.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay (doubling, with jitter) when the answer has no <c>Retry-After</c>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds one request with all its retries and waits, so a sync never hangs on a vendor.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public BillingOne.BuildingBlocks.Http.VendorRetryPolicy Retries => new(MaxRetries, RetryDelay, AttemptTimeout, TotalTimeout);
}
