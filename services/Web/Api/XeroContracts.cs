namespace BillingOne.Web.Api;

// The web UI's view of the invoice service's Xero connection and account mapping:
//   GET    /api/invoice/xero/connection                      -> XeroConnection
//   POST   /api/invoice/xero/connect                         -> XeroAuthorization (the browser goes to authorizeUrl;
//          Xero returns to /api/invoice/xero/callback, which sends it to /settings/integrations?xero=connected|choose-tenant|error&reason=…)
//   PUT    /api/invoice/xero/tenant  { tenantId }            -> the connection (read again)
//   DELETE /api/invoice/xero/connection                      -> 204
//   GET    /api/invoice/account-mappings                     -> { items: AccountMapping[] }
//   PUT    /api/invoice/account-mappings/{billingType} { accountCode } -> the mapping (400 with errors keyed accountCode)
//   DELETE /api/invoice/account-mappings/{billingType}       -> 204

/// <summary>The organization's connection to Xero.</summary>
/// <param name="Status">One of <see cref="XeroConnectionStatuses"/>.</param>
/// <param name="Tenants">The Xero organisations the consent covers, to choose from when there are several.</param>
/// <param name="Error">What went wrong last (why it expired), in words.</param>
public sealed record XeroConnection(
    string Status,
    string? TenantId,
    string? TenantName,
    IReadOnlyList<XeroTenant>? Tenants,
    DateTimeOffset? ConnectedAt,
    string? ConnectedBy,
    string? Error = null);

/// <summary>A Xero organisation (Xero calls it a tenant).</summary>
public sealed record XeroTenant(string Id, string Name);

/// <summary>Where the browser goes to give consent in Xero.</summary>
public sealed record XeroAuthorization(string AuthorizeUrl);

public sealed record ChooseXeroTenantRequest(string TenantId);

public static class XeroConnectionStatuses
{
    public const string Disconnected = "disconnected";
    public const string ChooseTenant = "choose-tenant";
    public const string Connected = "connected";
    public const string Expired = "expired";
}

/// <summary>What the Xero callback says about the connection attempt, in the settings page's address.</summary>
public static class XeroConnectOutcomes
{
    public const string Parameter = "xero";
    public const string ReasonParameter = "reason";

    public const string Connected = "connected";
    public const string ChooseTenant = "choose-tenant";
    public const string Error = "error";
}

/// <summary>The Xero account a billing type's invoice lines are posted to.</summary>
/// <param name="BillingType">A metering unit type's key.</param>
public sealed record AccountMapping(string BillingType, string AccountCode, DateTimeOffset? UpdatedAt, string? TaxType = null);

public sealed record AccountMappingList(IReadOnlyList<AccountMapping> Items);

public sealed record SaveAccountMappingRequest(string AccountCode, string? TaxType = null);

public static class XeroPaths
{
    public const string Connection = "api/invoice/xero/connection";
    public const string Connect = "api/invoice/xero/connect";
    public const string Tenant = "api/invoice/xero/tenant";
    public const string AccountMappings = "api/invoice/account-mappings";
    public const string DraftInvoices = "api/invoice/draft-invoices";

    public static string AccountMapping(string billingType) => $"{AccountMappings}/{Uri.EscapeDataString(billingType)}";
}

// The drafts finalized months become in Xero:
//   GET  /api/invoice/draft-invoices?period=yyyy-MM&page=&pageSize= -> PagedList<DraftInvoice>
//   POST /api/invoice/draft-invoices/{id}/retry                     -> 202 (404 when nothing is left to push)

/// <summary>One client's finalized month (in one currency) as a DRAFT invoice in Xero, and how its push went.</summary>
/// <param name="Status">One of <see cref="DraftInvoiceStatuses"/>.</param>
public sealed record DraftInvoice(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    string Currency,
    decimal Total,
    int Lines,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    string? VendorInvoiceNumber,
    string? VendorUrl,
    DateTimeOffset? PushedAt);

public static class DraftInvoiceStatuses
{
    public const string Pending = "pending";
    public const string NeedsMapping = "needs-mapping";
    public const string WaitingForXero = "waiting-for-xero";
    public const string Pushed = "pushed";
    public const string Failed = "failed";

    public static string Label(string status) => status switch
    {
        Pending => "Pending",
        NeedsMapping => "Needs Xero contact",
        WaitingForXero => "Waiting for Xero",
        Pushed => "In Xero",
        Failed => "Failed",
        _ => status,
    };
}
