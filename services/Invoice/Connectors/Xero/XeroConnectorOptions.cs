namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>
/// Where the connector finds Xero and as which app. The defaults are Xero's own addresses; development points them at
/// the sandbox (AppHost). The client id and secret are the deployment's app, used by organizations that saved none.
/// </summary>
public sealed class XeroConnectorOptions
{
    public const string Section = "Connectors:Xero";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Xero's identity server: <c>connect/token</c> and <c>connect/revocation</c> sit below it.</summary>
    public Uri IdentityAddress { get; set; } = new("https://identity.xero.com/");

    /// <summary>
    /// The consent page the browser is sent to. It must be an address the browser reaches (not a service-discovery
    /// name); empty: <c>connect/authorize</c> below <see cref="IdentityAddress"/>.
    /// </summary>
    public Uri? AuthorizeAddress { get; set; } = new("https://login.xero.com/identity/connect/authorize");

    /// <summary>Xero's API host: <c>connections</c> and <c>api.xro/2.0/</c> sit below it.</summary>
    public Uri ApiAddress { get; set; } = new("https://api.xero.com/");

    /// <summary>
    /// Where Xero sends the browser back: the gateway's public https address followed by <c>/api/invoice/xero/callback</c>,
    /// registered as a redirect URI of the Xero app (deploy/README.md, Xero). Required outside development; a development
    /// run without one uses the address the connect request came in on.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Calls left in a tenant's minute (<c>X-MinLimit-Remaining</c>) or the app's (<c>X-AppMinLimit-Remaining</c>) at which
    /// the next call waits for the minute to pass
    /// (<see cref="XeroRateGate"/>); kept for the draft pushes and connection checks running beside a sync.
    /// </summary>
    public int MinuteLimitReserve { get; set; } = 2;

    /// <summary>Calls left in a tenant's day (<c>X-DayLimit-Remaining</c>) at which syncs stop for an hour.</summary>
    public int DayLimitReserve { get; set; } = 50;

    /// <summary>Invoices or contacts per request; Xero serves up to 1000.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Retries of a request answered 429 (minute limit), 408 or 5xx, or that failed or timed out.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay (doubling, with jitter) when the answer has no <c>Retry-After</c>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds one request with its retries and waits (a minute limit waits up to 60 s).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(4);

    public BillingOne.BuildingBlocks.Http.VendorRetryPolicy Retries => new(MaxRetries, RetryDelay, AttemptTimeout, TotalTimeout);
}
